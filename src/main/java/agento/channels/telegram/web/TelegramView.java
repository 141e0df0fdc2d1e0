package agento.channels.telegram.web;

import agento.channels.telegram.bots.BotState;
import agento.channels.telegram.bots.Policy;
import agento.channels.telegram.bots.TelegramBot;
import agento.channels.telegram.pairing.TelegramUser;
import java.util.List;

/** What the Telegram card shows: never the token, at most its last four characters. */
public record TelegramView(TelegramBot bot, List<TelegramUser> pending, List<TelegramUser> approved,
                           boolean agentRunning) {

    public boolean isConnected() {
        return bot != null;
    }

    public boolean is(String state) {
        return bot != null && bot.state().equals(state);
    }

    public String indicatorColor() {
        if (bot == null) {
            return "grey";
        }
        switch (bot.stateEnum()) {
            case CONNECTED:
                return "green";
            case REJECTED:
                return "red";
            default:
                return "amber";
        }
    }

    public String indicatorLabel() {
        if (bot == null) {
            return "Not connected";
        }
        switch (bot.stateEnum()) {
            case CONNECTED:
                return "Connected as " + bot.label();
            case UNVERIFIED:
                return "Unverified";
            case REJECTED:
                return "Telegram rejected this bot token";
            case WEBHOOK:
                return "Webhook set elsewhere";
            default:
                return "Another program is reading this bot's messages";
        }
    }

    /** The sentence under the indicator (null when all is well). */
    public String reason() {
        return bot == null || bot.stateEnum() == BotState.CONNECTED ? null : bot.stateReason();
    }

    public String policy() {
        return bot == null ? Policy.PAIRING.column() : bot.policy();
    }

    public List<Policy> policies() {
        return List.of(Policy.values());
    }

    public String tokenHint() {
        return bot == null ? null : bot.tokenHint();
    }
}
