package agento.provider.refresh;

import agento.provider.core.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/** When to refresh, retry and give up waiting: every timing rule of the token refresher in one place. */
final class RefreshSchedule {
    static final Duration MAX_MARGIN = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** Longer than the OAuth client's total timeout, so a live holder never loses it; a dead one frees it. */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MAX_WAIT_FOR_OTHER = Duration.ofSeconds(10);
    static final Duration POLL = Duration.ofMillis(75);
    static final Duration MAX_SLEEP = Duration.ofSeconds(30);

    private RefreshSchedule() {}

    /**
     * Ahead of expiry by min(5 minutes, 20% of the remaining lifetime), minus up to half that margin again at random
     * so tokens with the same expiry spread out; always strictly before expiry, never before now.
     */
    static Instant dueAt(Instant now, Instant expiresAt, RandomGenerator random) {
        long remainingMillis = Duration.between(now, expiresAt).toMillis();
        if (remainingMillis <= 1) {
            return now;
        }
        long marginMillis = Math.max(1, Math.min(MAX_MARGIN.toMillis(), remainingMillis / 5));
        long jitterMillis = draw(random, marginMillis / 2 + 1);
        Instant due = expiresAt.minusMillis(marginMillis + jitterMillis).truncatedTo(ChronoUnit.MILLIS);
        return due.isBefore(now) ? now : due;
    }

    /** After the n-th failure in a row: 1 s, 2 s, 4 s … capped at 5 minutes, plus up to 25% at random. */
    static Duration backoff(int failures, RandomGenerator random) {
        int exponent = Math.max(0, Math.min(failures - 1, 20));
        long baseMillis = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << exponent);
        return Duration.ofMillis(baseMillis + draw(random, baseMillis / 4 + 1));
    }

    /** Lease and schedule times are stored to the millisecond, so they compare equal after a round trip. */
    static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    // one RandomGenerator is shared by callers and the background thread; most implementations are not thread-safe
    private static long draw(RandomGenerator random, long bound) {
        synchronized (random) {
            return random.nextLong(bound);
        }
    }

    static boolean needsRefresh(Connection row, Instant now) {
        return (row.refreshDueAt() != null && !now.isBefore(row.refreshDueAt())) || isExpired(row, now);
    }

    static boolean isExpired(Connection row, Instant now) {
        return row.accessExpiresAt() != null && !now.isBefore(row.accessExpiresAt());
    }

    static boolean inBackoff(Connection row, Instant now) {
        return row.refreshFailures() > 0 && row.refreshDueAt() != null && now.isBefore(row.refreshDueAt());
    }
}
