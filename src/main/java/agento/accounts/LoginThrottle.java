package agento.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows down repeated failed sign-ins per account and per address: after {@value FREE_FAILURES}
 * failures each further try must wait, doubling from 30 s up to 15 min. Never a permanent lockout.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final Clock clock;

    LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** How long {@code key} must still wait before its next try; zero when it may try now. */
    Duration waitFor(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT failures, last_failure FROM login_failures WHERE throttle_key = :k")
                .bind("k", key)
                .map((rs, c) -> remaining(rs.getInt(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                .findOne()
                .orElse(Duration.ZERO));
    }

    private Duration remaining(int failures, Instant last) {
        Instant now = clock.instant();
        if (failures < FREE_FAILURES || last.plus(FORGET_AFTER).isBefore(now)) {
            return Duration.ZERO;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 10));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Duration left = Duration.between(now, last.plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }

    void recordFailure(String key) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE login_failures SET failures = CASE WHEN last_failure < :forget THEN 1 "
                            + "ELSE failures + 1 END, last_failure = :now WHERE throttle_key = :k")
                    .bind("k", key).bind("now", now).bind("forget", now.minus(FORGET_AFTER)).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO login_failures (throttle_key, failures, last_failure) VALUES (:k, 1, :now)")
                        .bind("k", key).bind("now", now).execute();
            }
        });
    }

    void reset(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE throttle_key = :k").bind("k", key).execute());
    }
}
