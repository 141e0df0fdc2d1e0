package agento.connections;

import agento.connections.RefreshException.CredentialError;
import agento.connections.RefreshException.NotConnected;
import agento.connections.RefreshException.ReconnectNeeded;
import agento.connections.RefreshException.Unavailable;
import agento.connections.TokenRefresher.Access;
import agento.providers.openai.OAuthClient;
import agento.providers.openai.OAuthFailure;
import agento.providers.openai.TokenSet;
import agento.vault.SecretStore;
import agento.vault.SecretUnreadableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's refresh, safe with any number of servers: claim the row's lease, call the token endpoint with no
 * transaction open, then save the new pair as a compare-and-swap (row version unchanged, or our lease still there:
 * see {@link RefreshRepository}), or record the failure. A failed refresh never deletes a token.
 */
final class RefreshFlight {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final ConnectionStore store;
    private final OAuthClient oauth;
    private final Clock clock;
    private final RandomGenerator random;
    private final AtomicLong calls = new AtomicLong();

    RefreshFlight(Jdbi jdbi, SecretStore secrets, ConnectionStore store, OAuthClient oauth, Clock clock,
                  RandomGenerator random) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.store = store;
        this.oauth = oauth;
        this.clock = clock;
        this.random = random;
    }

    long calls() {
        return calls.get();
    }

    /** Refreshes when the row is due or expired and not backing off; otherwise returns the stored token. */
    Access run(long agentId) {
        // waiting is measured on the monotonic clock; leases and expiry on the injected one
        long giveUpAt = System.nanoTime() + RefreshSchedule.MAX_WAIT_FOR_OTHER.toNanos();
        while (true) {
            Connection row = refreshableRow(agentId);
            Instant now = clock.instant();
            if (!needsRefresh(row, now) || inBackoff(row, now)) {
                return access(row, now);
            }
            Instant lease = RefreshSchedule.stored(now.plus(RefreshSchedule.LEASE));
            if (jdbi.withExtension(RefreshRepository.class, r -> r.takeLease(agentId, row.version(), lease, now)) == 1) {
                Access refreshed = refreshHolding(row, lease);
                if (refreshed != null) {
                    return refreshed;
                }
            } else if (!isExpired(row, now) || System.nanoTime() - giveUpAt >= 0) {
                return access(row, now);
            } else {
                waitForOther(agentId, row.version(), giveUpAt);
            }
        }
    }

    /** The row, unless there is nothing a refresh could do for it. */
    Connection refreshableRow(long agentId) {
        Connection row = store.find(agentId)
                .filter(c -> c.methodEnum() == Method.OAUTH).orElseThrow(() -> new NotConnected(agentId));
        switch (row.stateEnum()) {
            case NEEDS_RECONNECT: throw new ReconnectNeeded(agentId);
            case CREDENTIAL_ERROR: throw new CredentialError(agentId);
            default: return row;
        }
    }

    static boolean needsRefresh(Connection row, Instant now) {
        return (row.refreshDueAt() != null && !now.isBefore(row.refreshDueAt())) || isExpired(row, now);
    }

    /** The stored access token; Unavailable once it has expired. */
    Access access(Connection row, Instant now) {
        if (isExpired(row, now)) {
            throw new Unavailable(row.agentId());
        }
        Optional<String> token;
        try {
            token = secrets.read(CredentialNames.accessToken(row.agentId()));
        } catch (SecretUnreadableException e) {
            token = Optional.empty();
        }
        if (token.isEmpty()) {
            stopRetrying(row, null, ConnectionState.CREDENTIAL_ERROR, TokenRefresher.UNREADABLE_REASON,
                    "The saved OpenAI access token could not be read; sign in again.");
            throw new CredentialError(row.agentId());
        }
        return new Access(token.get(), row.accountId(), row.accessExpiresAt());
    }

    /** Null when the row moved on meanwhile and the caller should look again. */
    private Access refreshHolding(Connection row, Instant lease) {
        long id = row.agentId();
        Optional<String> refreshToken;
        try {
            refreshToken = secrets.read(CredentialNames.refreshToken(id));
        } catch (SecretUnreadableException e) {
            stopRetrying(row, lease, ConnectionState.CREDENTIAL_ERROR, TokenRefresher.UNREADABLE_REASON,
                    "The saved OpenAI sign-in could not be decrypted; sign in again.");
            log.warn("Token refresh for agent {}: the refresh token cannot be decrypted; credential error", id);
            throw new CredentialError(id);
        }
        if (refreshToken.isEmpty()) {
            stopRetrying(row, lease, ConnectionState.NEEDS_RECONNECT, TokenRefresher.RECONNECT_REASON,
                    "No OpenAI refresh token is stored for this sign-in; reconnect needed.");
            log.warn("Token refresh for agent {}: no refresh token stored; reconnect needed", id);
            throw new ReconnectNeeded(id);
        }
        TokenSet tokens;
        try {
            calls.incrementAndGet();
            tokens = oauth.refresh(refreshToken.get());
        } catch (OAuthFailure failure) {
            return failure.kind() == OAuthFailure.Kind.TRANSIENT ? postpone(row, lease, failure)
                    : refused(row, lease, failure);
        } catch (RuntimeException unexpected) {
            release(id, lease);
            throw unexpected;
        }
        return save(row, lease, tokens);
    }

    private Access save(Connection row, Instant lease, TokenSet tokens) {
        long id = row.agentId();
        Instant now = clock.instant();
        Instant expiresAt = tokens.expiresAt() == null ? null : RefreshSchedule.stored(tokens.expiresAt());
        Instant due = expiresAt == null ? null : RefreshSchedule.dueAt(now, expiresAt, random);
        boolean saved = jdbi.inTransaction(h -> {
            if (h.attach(RefreshRepository.class).saveRefreshed(id, row.version(), lease, expiresAt, due, now,
                    TokenRefresher.UNAVAILABLE_REASON) == 0) {
                return false;
            }
            secrets.put(h, CredentialNames.accessToken(id), tokens.accessToken());
            if (tokens.refreshToken() != null) {
                secrets.put(h, CredentialNames.refreshToken(id), tokens.refreshToken());
            }
            if (tokens.idToken() != null) {
                secrets.put(h, CredentialNames.idToken(id), tokens.idToken());
            }
            if (row.refreshFailures() > 0) {
                h.attach(ConnectionRepository.class).record(id, now, "refreshed", "Sign-in renewed with OpenAI after "
                        + row.refreshFailures() + " failed attempt" + (row.refreshFailures() == 1 ? "." : "s."));
            }
            return true;
        });
        if (!saved) {
            release(id, lease);
            log.info("Token refresh for agent {}: a newer token pair was saved meanwhile; this one is discarded", id);
            return null;
        }
        log.debug("Token refresh for agent {}: renewed, expires {}, next refresh {}", id, expiresAt, due);
        return new Access(tokens.accessToken(), row.accountId(), expiresAt);
    }

    /** Transient: keep the tokens and the state, back off, and keep using the current token while it works. */
    private Access postpone(Connection row, Instant lease, OAuthFailure failure) {
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
                h.attach(ConnectionRepository.class).record(id, now, "refresh_retrying", "Couldn't reach OpenAI to "
                        + "renew the sign-in (" + describe(failure) + "); retrying automatically.");
            }
            return true;
        });
        log.warn("Token refresh for agent {} failed: {}; attempt {}, tokens kept, next try at {}", id,
                failure.getMessage(), failures, retryAt);
        return recorded ? access(row, clock.instant()) : null;
    }

    /** invalid_grant and other refusals: unless another worker saved a newer pair meanwhile, reconnect is needed. */
    private Access refused(Connection row, Instant lease, OAuthFailure failure) {
        long id = row.agentId();
        Optional<Connection> current = store.find(id);
        // a newer pair took our lease away (a refresher that outlived its lease, or a new sign-in)
        if (current.isEmpty() || !lease.equals(current.get().refreshLeaseUntil())) {
            release(id, lease);
            log.info("Token refresh for agent {} refused ({}), but a newer pair was saved meanwhile; using it", id,
                    describe(failure));
            return null;
        }
        if (!stopRetrying(row, lease, ConnectionState.NEEDS_RECONNECT, TokenRefresher.RECONNECT_REASON, "OpenAI no longer "
                + "accepts this sign-in (" + describe(failure) + "), so automatic renewal stopped. The saved tokens "
                + "were kept; click Reconnect to sign in again.")) {
            release(id, lease);
            return null;
        }
        log.warn("Token refresh for agent {} refused: {}; reconnect needed, tokens kept, retries stopped", id,
                failure.getMessage());
        throw new ReconnectNeeded(id);
    }

    /** Sets a state that stops retries (the lease goes with it), and says so in the Activity list. */
    private boolean stopRetrying(Connection row, Instant leaseOrNull, ConnectionState state, String reason,
                                 String activity) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            if (h.attach(RefreshRepository.class).stop(row.agentId(), row.version(), leaseOrNull, state.column(), reason,
                    now) == 0) {
                return false;
            }
            h.attach(ConnectionRepository.class).record(row.agentId(), now, "refresh_failed", activity);
            return true;
        });
    }

    /** Polls until the lease holder saved a new version, gave the lease up, or the wait is over. */
    private void waitForOther(long agentId, long version, long giveUpAt) {
        while (System.nanoTime() - giveUpAt < 0) {
            try {
                Thread.sleep(RefreshSchedule.POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable(agentId);
            }
            Instant now = clock.instant();
            Optional<Connection> row = store.find(agentId);
            if (row.isEmpty() || row.get().version() != version || row.get().refreshLeaseUntil() == null
                    || row.get().refreshLeaseUntil().isBefore(now)) {
                return;
            }
        }
    }

    private void release(long agentId, Instant lease) {
        jdbi.useExtension(RefreshRepository.class, r -> r.releaseLease(agentId, lease));
    }

    private static boolean isExpired(Connection row, Instant now) {
        return row.accessExpiresAt() != null && !now.isBefore(row.accessExpiresAt());
    }

    private static boolean inBackoff(Connection row, Instant now) {
        return row.refreshFailures() > 0 && row.refreshDueAt() != null && now.isBefore(row.refreshDueAt());
    }

    // provider codes are sanitized identifiers (OAuthFailure.safeCode); never the response body
    private static String describe(OAuthFailure failure) {
        return failure.providerCode() != null ? failure.providerCode() : failure.kind().name().toLowerCase();
    }
}
