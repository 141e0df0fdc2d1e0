package agento.channels.telegram.pairing;

import java.time.Instant;

/** A row of {@code telegram_users}: an approved user, or a pairing request waiting for the owner. */
public record TelegramUser(long agentId, long telegramUserId, String name, String status, String pairingCode,
                           Instant expiresAt, boolean isOwner, Instant createdAt) {
    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";

    public boolean isApproved() {
        return APPROVED.equals(status);
    }

    /** The name Telegram gave, or "(not written yet)" for an id the owner typed in. */
    public String displayName() {
        return name == null || name.isBlank() ? "(has not written yet)" : name;
    }
}
