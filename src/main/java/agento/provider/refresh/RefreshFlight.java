package agento.provider.refresh;

import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;
import agento.provider.core.Method;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthFailure;
import agento.provider.openai.TokenSet;
import agento.provider.refresh.RefreshException.CredentialError;
import agento.provider.refresh.RefreshException.NotConnected;
import agento.provider.refresh.RefreshException.ReconnectNeeded;
import agento.provider.refresh.RefreshException.Unavailable;
import agento.provider.refresh.TokenRefresher.Access;
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
    private final RefreshFailures failures;
    private final AtomicLong calls = new AtomicLong();

    RefreshFlight(Jdbi jdbi, SecretStore secrets, ConnectionStore store, OAuthClient oauth, Clock clock,
                  RandomGenerator random) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.store = store;
        this.oauth = oauth;
        this.clock = clock;
        this.random = random;
        this.failures = new RefreshFailures(jdbi, store, clock, random, this);
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
            if (!RefreshSchedule.needsRefresh(row, now) || RefreshSchedule.inBackoff(row, now)) {
                return access(row, now);
            }
            Instant lease = RefreshSchedule.stored(now.plus(RefreshSchedule.LEASE));
            if (jdbi.withExtension(RefreshRepository.class, r -> r.takeLease(agentId, row.version(), lease, now)) == 1) {
                Access refreshed = refreshHolding(row, lease);
                if (refreshed != null) {
                    return refreshed;
                }
            } else if (!RefreshSchedule.isExpired(row, now) || System.nanoTime() - giveUpAt >= 0) {
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


    /** The stored access token; Unavailable once it has expired. */
    Access access(Connection row, Instant now) {
        if (RefreshSchedule.isExpired(row, now)) {
            throw new Unavailable(row.agentId());
        }
        Optional<String> token;
        try {
            token = secrets.read(CredentialNames.accessToken(row.agentId()));
        } catch (SecretUnreadableException e) {
            token = Optional.empty();
        }
        if (token.isEmpty()) {
            failures.stopRetrying(row, null, ConnectionState.CREDENTIAL_ERROR, TokenRefresher.UNREADABLE_REASON,
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
            failures.stopRetrying(row, lease, ConnectionState.CREDENTIAL_ERROR, TokenRefresher.UNREADABLE_REASON,
                    "The saved OpenAI sign-in could not be decrypted; sign in again.");
            log.warn("Token refresh for agent {}: the refresh token cannot be decrypted; credential error", id);
            throw new CredentialError(id);
        }
        if (refreshToken.isEmpty()) {
            failures.stopRetrying(row, lease, ConnectionState.NEEDS_RECONNECT, TokenRefresher.RECONNECT_REASON,
                    "No OpenAI refresh token is stored for this sign-in; reconnect needed.");
            log.warn("Token refresh for agent {}: no refresh token stored; reconnect needed", id);
            throw new ReconnectNeeded(id);
        }
        TokenSet tokens;
        try {
            calls.incrementAndGet();
            tokens = oauth.refresh(refreshToken.get());
        } catch (OAuthFailure failure) {
            return failure.kind() == OAuthFailure.Kind.TRANSIENT ? failures.postpone(row, lease, failure)
                    : failures.refused(row, lease, failure);
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
                store.record(h, id, "refreshed", "Sign-in renewed with OpenAI after "
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

    void release(long agentId, Instant lease) {
        jdbi.useExtension(RefreshRepository.class, r -> r.releaseLease(agentId, lease));
    }
}
