package agento.runtime.chat;

import java.time.Instant;

/**
 * A row of {@code tool_calls}: one call the model made while writing reply {@code messageId}, where it happened
 * ({@code textOffset} into the reply), what it was called with, and how it went.
 */
public record ToolCall(long id, long messageId, String callId, String label, String arguments, String status,
                       Integer httpStatus, Long durationMs, String outcome, String result, int textOffset,
                       Instant createdAt) {
    public static final String ASKING = "asking";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";
    public static final String DENIED = "denied";

    public boolean isAsking() {
        return ASKING.equals(status);
    }

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    ToolCall with(String newStatus, Integer newHttpStatus, Long newDuration, String newOutcome, String newResult) {
        return new ToolCall(id, messageId, callId, label, arguments, newStatus, newHttpStatus, newDuration, newOutcome,
                newResult, textOffset, createdAt);
    }
}
