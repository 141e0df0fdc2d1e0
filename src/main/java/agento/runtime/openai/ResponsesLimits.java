package agento.runtime.openai;

import java.time.Duration;

/**
 * How long and how much a stream may take. {@code firstByte} bounds the wait for the response headers,
 * {@code idle} the silence between chunks, {@code total} everything including retries; retries of 429 and
 * 5xx answers are at most {@code maxRetries}, waiting {@code maxRetryWait} in all.
 */
public record ResponsesLimits(Duration connect, Duration firstByte, Duration idle, Duration total,
        int maxRetries, Duration maxRetryWait, Duration firstBackoff, long maxResponseBytes, int maxLineBytes) {

    public static final ResponsesLimits DEFAULTS = new ResponsesLimits(Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(10), 2, Duration.ofSeconds(20),
            Duration.ofMillis(500), 4L * 1024 * 1024, 1024 * 1024);

    public ResponsesLimits withTimeouts(Duration newFirstByte, Duration newIdle, Duration newTotal) {
        return new ResponsesLimits(connect, newFirstByte, newIdle, newTotal, maxRetries, maxRetryWait,
                firstBackoff, maxResponseBytes, maxLineBytes);
    }

    public ResponsesLimits withRetries(int newMaxRetries, Duration newMaxRetryWait, Duration newFirstBackoff) {
        return new ResponsesLimits(connect, firstByte, idle, total, newMaxRetries, newMaxRetryWait,
                newFirstBackoff, maxResponseBytes, maxLineBytes);
    }

    public ResponsesLimits withSizes(long newMaxResponseBytes, int newMaxLineBytes) {
        return new ResponsesLimits(connect, firstByte, idle, total, maxRetries, maxRetryWait, firstBackoff,
                newMaxResponseBytes, newMaxLineBytes);
    }
}
