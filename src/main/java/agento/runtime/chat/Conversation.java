package agento.runtime.chat;

import java.time.Instant;

/** A row of {@code conversations}: one web chat thread, or one Telegram chat ({@code externalChatId}). */
public record Conversation(long id, long agentId, String channel, String externalChatId, String title,
                           Instant createdAt, Instant updatedAt) {
    public static final String WEB = "web";
    public static final String TELEGRAM = "telegram";
}
