package agento.channels.telegram.bots;

import java.time.Instant;

/** A row of {@code telegram_bots}: an agent's bot (never its token: that lives in the vault). */
public record TelegramBot(long agentId, long botId, String botUsername, String tokenHint, String policy, String state,
                          String stateReason, long updateOffset, String leaseOwner, Instant leaseUntil,
                          String alertedState, Instant createdAt, Instant updatedAt) {

    public Policy policyEnum() {
        return Policy.fromColumn(policy);
    }

    public BotState stateEnum() {
        return BotState.fromColumn(state);
    }

    /** "@name", or the token hint while Telegram has not told us the name yet. */
    public String label() {
        return botUsername == null || botUsername.isEmpty() ? "the bot " + tokenHint : "@" + botUsername;
    }
}
