package agento.runtime.chat;

import java.time.Instant;

/** A row of {@code messages}: what the person wrote, or the agent's reply with its model, usage and outcome. */
public record Message(long id, long conversationId, String role, String content, String status, String error,
                      String model, long inputTokens, long outputTokens, Instant createdAt, Instant finishedAt) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String STREAMING = "streaming";
    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";

    public boolean isUser() {
        return USER.equals(role);
    }

    public boolean isStreaming() {
        return STREAMING.equals(status);
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
