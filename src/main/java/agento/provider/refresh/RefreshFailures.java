package agento.provider.refresh;

import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.openai.OAuthFailure;
import agento.provider.refresh.RefreshException.ReconnectNeeded;
import agento.provider.refresh.TokenRefresher.Access;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed refresh leaves behind. Transient failures keep the tokens and back off; refusals stop retries and ask
 * for a reconnect, unless another worker saved a newer pair meanwhile. A failed refresh never deletes a token.
 */
final class RefreshFailures {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private final Jdbi jdbi;
    private final ConnectionStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final RefreshFlight flight;

    RefreshFailures(Jdbi jdbi, ConnectionStore store, Clock clock, RandomGenerator random, RefreshFlight flight) {
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.flight = flight;
    }

    /** Transient: keep the tokens and the state, back off, and keep using the current token while it works. */
    Access postpone(Connection row, Instant lease, OAuthFailure failure) {
        long id = row.agentId();
        int failures = row.refreshFailures() + 1;
        Instant now = clock.instant();
        Instant retryAt = RefreshSchedule.stored(now.plus(RefreshSchedule.backoff(failures, random)));
        boolean expiredBeforeRetry = row.accessExpiresAt() != null && !retryAt.isBefore(row.accessExpiresAt());
        String reason = expiredBeforeRetry ? TokenRefresher.UNAVAILABLE_REASON : row.stateReason();
        boolean recorded = jdbi.inTransaction(h -> {
            if (h.attach(RefreshRepository.class).postpone(id, lease, failures, retryAt, reason, now) == 0) {
                return false;
            }
            if (failures == 1) {
                store.record(h, id, "refresh_retrying", "Couldn't reach OpenAI to "
                        + "renew the sign-in (" + describe(failure) + "); retrying automatically.");
            }
            return true;
        });
        log.warn("Token refresh for agent {} failed: {}; attempt {}, tokens kept, next try at {}", id,
                failure.getMessage(), failures, retryAt);
        return recorded ? flight.access(row, clock.instant()) : null;
    }

    /** invalid_grant and other refusals: unless another worker saved a newer pair meanwhile, reconnect is needed. */
    Access refused(Connection row, Instant lease, OAuthFailure failure) {
        long id = row.agentId();
        Optional<Connection> current = store.find(id);
        // a newer pair took our lease away (a refresher that outlived its lease, or a new sign-in)
        if (current.isEmpty() || !lease.equals(current.get().refreshLeaseUntil())) {
            flight.release(id, lease);
            log.info("Token refresh for agent {} refused ({}), but a newer pair was saved meanwhile; using it", id,
                    describe(failure));
            return null;
        }
        if (!stopRetrying(row, lease, ConnectionState.NEEDS_RECONNECT, TokenRefresher.RECONNECT_REASON, "OpenAI no longer "
                + "accepts this sign-in (" + describe(failure) + "), so automatic renewal stopped. The saved tokens "
                + "were kept; click Reconnect to sign in again.")) {
            flight.release(id, lease);
            return null;
        }
        log.warn("Token refresh for agent {} refused: {}; reconnect needed, tokens kept, retries stopped", id,
                failure.getMessage());
        throw new ReconnectNeeded(id);
    }

    /** Sets a state that stops retries (the lease goes with it), and says so in the Activity list. */
    boolean stopRetrying(Connection row, Instant leaseOrNull, ConnectionState state, String reason,
                                 String activity) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            if (h.attach(RefreshRepository.class).stop(row.agentId(), row.version(), leaseOrNull, state.column(), reason,
                    now) == 0) {
                return false;
            }
            store.record(h, row.agentId(), "refresh_failed", activity);
            return true;
        });
    }

    // provider codes are sanitized identifiers (OAuthFailure.safeCode); never the response body
    static String describe(OAuthFailure failure) {
        return failure.providerCode() != null ? failure.providerCode() : failure.kind().name().toLowerCase();
    }
}
