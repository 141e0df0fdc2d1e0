package agento.channels.telegram.poller;

import agento.db.Reads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * "Exactly one server polls each bot": this server's leases on {@code telegram_bots} rows, like the token
 * refresher's. A lease outlives one long poll with a margin and is renewed before each poll and each message, so a
 * server that dies frees its bots within {@link #LENGTH}.
 */
final class Leases {
    static final Duration LENGTH = Duration.ofSeconds(90);
    private static final String POLLABLE = "SELECT agent_id FROM telegram_bots WHERE " + PollRepository.POLLABLE
            + " ORDER BY agent_id";

    private final Jdbi jdbi;
    private final Clock clock;
    private final String me = "agento-" + UUID.randomUUID();

    Leases(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Bots whose agent runs and whose state lets them be polled (whoever holds them). */
    List<Long> pollable() {
        // every second on every server, bots or none: fluent, not a SQL Object (see agento.db.Reads)
        return Reads.column(jdbi, POLLABLE, Long.class);
    }

    boolean take(long agentId) {
        return jdbi.withExtension(PollRepository.class,
                r -> r.take(agentId, me, clock.instant().plus(LENGTH), clock.instant())) == 1;
    }

    boolean renew(long agentId, long botId) {
        return jdbi.withExtension(PollRepository.class,
                r -> r.renew(agentId, botId, me, clock.instant().plus(LENGTH))) == 1;
    }

    /** Telegram may forget every update before {@code offset}: they are handled (or stored) here. */
    void advance(long agentId, long botId, long offset) {
        jdbi.useExtension(PollRepository.class, r -> r.advance(agentId, botId, me, offset));
    }

    void release(long agentId) {
        jdbi.useExtension(PollRepository.class, r -> r.release(agentId, me));
    }
}
