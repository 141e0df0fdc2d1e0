package agento.channels.telegram.poller;

import agento.agents.Agent;
import agento.agents.AgentService;
import agento.channels.telegram.bots.BotState;
import agento.channels.telegram.bots.TelegramBot;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.channels.telegram.pairing.TelegramUser;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionSummary;
import agento.provider.core.ConnectionHealth;
import java.util.Optional;
import java.util.Set;

/**
 * When an agent's OpenAI credential stops working (Reconnect needed, credential error, no quota), one Telegram
 * message to the owner's own paired account, whether or not the agent runs. The claim on the bot row makes it one
 * message among all servers; when the connection works again the next failure is told again.
 */
final class OwnerAlerts {
    static final Set<ConnectionState> TROUBLE =
            Set.of(ConnectionState.NEEDS_RECONNECT, ConnectionState.CREDENTIAL_ERROR, ConnectionState.NO_QUOTA);

    private final TelegramBots bots;
    private final Pairing pairing;
    private final AgentService agents;
    private final ConnectionHealth health;
    private final ReplySender sender;

    OwnerAlerts(TelegramBots bots, Pairing pairing, AgentService agents, ConnectionHealth health, ReplySender sender) {
        this.bots = bots;
        this.pairing = pairing;
        this.agents = agents;
        this.health = health;
        this.sender = sender;
    }

    void pass() {
        for (TelegramBot bot : bots.all()) {
            if (bot.stateEnum() == BotState.CONNECTED || bot.stateEnum() == BotState.CONFLICT) {
                check(bot);
            }
        }
    }

    private void check(TelegramBot bot) {
        Optional<Agent> agent = agents.find(bot.agentId());
        Optional<ConnectionSummary> connection = agent.flatMap(health::summary);
        Optional<ConnectionState> trouble = connection.map(ConnectionSummary::state).filter(TROUBLE::contains);
        if (trouble.isEmpty()) {
            if (bot.alertedState() != null) {
                bots.clearAlert(bot.agentId());
            }
            return;
        }
        String state = trouble.get().column();
        if (state.equals(bot.alertedState())) {
            return;
        }
        Optional<TelegramUser> owner = pairing.ownerAccount(bot.agentId());
        if (owner.isEmpty() || !bots.claimAlert(bot.agentId(), state)) {
            return;
        }
        ConnectionSummary summary = connection.get();
        String reason = summary.reason() == null ? summary.stateLabel() : summary.reason();
        bots.token(bot.agentId()).ifPresent(token -> sender.send(token, owner.get().telegramUserId(),
                "Agento: your agent \u201c" + agent.get().name() + "\u201d can no longer use OpenAI ("
                        + summary.stateLabel() + "). " + reason + " Open the agent's Settings in Agento to fix it."));
    }
}
