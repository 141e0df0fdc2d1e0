package agento.provider.refresh;

import agento.db.Reads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the background refresher: renews every due connection, then says how long to sleep: until the
 * earliest due time, at most 30 s (so rows written by other servers are noticed). Schedules live in the database,
 * so the first pass after a restart renews tokens that expired while the server was down.
 */
final class DueRefreshes {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    static final Duration MIN_SLEEP = Duration.ofMillis(50);
    static final Duration AFTER_ERROR = Duration.ofSeconds(1);
    // read by every pass, most often to find nothing: fluent reads, not a SQL Object (see Reads)
    private static final String DUE = "SELECT agent_id FROM provider_connections WHERE "
            + RefreshRepository.REFRESHABLE + " AND refresh_due_at <= :now "
            + "AND (refresh_lease_until IS NULL OR refresh_lease_until < :now) ORDER BY refresh_due_at";
    /** The earliest moment any refreshable row needs attention: its due time, or later while someone holds it. */
    private static final String NEXT_DUE = "SELECT MIN(CASE WHEN refresh_lease_until IS NOT NULL "
            + "AND refresh_lease_until > refresh_due_at THEN refresh_lease_until ELSE refresh_due_at END) "
            + "FROM provider_connections WHERE " + RefreshRepository.REFRESHABLE + " AND refresh_due_at IS NOT NULL";

    private final Jdbi jdbi;
    private final Clock clock;
    private final LongConsumer refreshOne;
    private final BooleanSupplier running;

    DueRefreshes(Jdbi jdbi, Clock clock, LongConsumer refreshOne, BooleanSupplier running) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.refreshOne = refreshOne;
        this.running = running;
    }

    /** Refreshes what is due; returns how long to sleep. */
    Duration pass() {
        List<Long> due = Reads.column(jdbi, DUE, Long.class, "now", clock.instant());
        boolean failed = false;
        for (long agentId : due) {
            if (!running.getAsBoolean()) {
                break;
            }
            try {
                refreshOne.accept(agentId);
            } catch (RefreshException expected) {
                log.debug("Token refresh for agent {}: {}", agentId, expected.getClass().getSimpleName());
            } catch (RuntimeException e) {
                failed = true;
                log.warn("Token refresh for agent {} failed unexpectedly: {}", agentId, e.getClass().getName());
            }
        }
        Instant next = Reads.value(jdbi, NEXT_DUE, Instant.class);
        Duration sleep = next == null ? RefreshSchedule.MAX_SLEEP : Duration.between(clock.instant(), next);
        sleep = sleep.compareTo(RefreshSchedule.MAX_SLEEP) > 0 ? RefreshSchedule.MAX_SLEEP : sleep;
        Duration floor = failed ? AFTER_ERROR : MIN_SLEEP;
        return sleep.compareTo(floor) < 0 ? floor : sleep;
    }
}
