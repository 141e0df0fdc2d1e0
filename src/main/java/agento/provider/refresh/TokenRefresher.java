package agento.provider.refresh;

import agento.common.BackgroundLoop;
import agento.common.BackgroundWorker;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionStore;
import agento.provider.openai.OAuthClient;
import agento.vault.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OAuth connections' access tokens fresh: a background thread renews each one ahead of its expiry, and
 * {@link #currentAccess} renews on demand. One refresh per connection at a time: callers in this process share one
 * flight, and servers sharing the database take turns through a lease on the row. Routine renewals are only
 * logged; the Activity list gets a line when a refresh fails for the first time, when retries stop, and when a
 * renewal succeeds after failures.
 */
public final class TokenRefresher implements BackgroundWorker {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    static final String RECONNECT_REASON = "OpenAI no longer accepts this sign-in. Click Reconnect to sign in again.";
    static final String UNAVAILABLE_REASON = "Couldn't reach OpenAI to renew the sign-in; retrying automatically.";
    static final String UNREADABLE_REASON = "The saved OpenAI sign-in can no longer be decrypted. Click Reconnect "
            + "to sign in again.";

    /** What a call to OpenAI with an OAuth connection needs; {@code expiresAt} is null when OpenAI did not say. */
    public record Access(String accessToken, String accountId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Access[accessToken=(hidden), accountId=" + accountId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Clock clock;
    private final RandomGenerator random;
    private final Jdbi jdbi;
    private final RefreshFlight flight;
    private final BackgroundLoop loop;
    private final Map<Long, CompletableFuture<Access>> inFlight = new ConcurrentHashMap<>();

    public TokenRefresher(Jdbi jdbi, SecretStore secrets, ConnectionStore store, OAuthClient oauth, Clock clock,
                          RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        this.jdbi = jdbi;
        this.flight = new RefreshFlight(jdbi, secrets, store, oauth, clock, random);
        DueRefreshes due = new DueRefreshes(jdbi, clock, this::refresh, this::isRunning);
        this.loop = new BackgroundLoop("agento-token-refresher", due::pass, DueRefreshes.AFTER_ERROR,
                RefreshSchedule.MAX_WAIT_FOR_OTHER);
    }

    /** Starts the background thread; its first pass renews whatever fell due while the server was down. */
    @Override
    public void start() {
        loop.start();
    }

    /** A connection was saved or changed: plan the next wake-up again now. */
    public void wake() {
        loop.wake();
    }

    /** When an access token expiring at expiresAt (issued now) should be refreshed: ahead by a margin, minus jitter. */
    public Instant dueAt(Instant expiresAt) {
        return RefreshSchedule.dueAt(clock.instant(), expiresAt, random);
    }

    /**
     * A usable access token (plus the ChatGPT account id) for the agent's OAuth connection; refreshes first when it
     * is expired or about to expire.
     *
     * @throws RefreshException.NotConnected when the agent is not connected with an OpenAI account
     * @throws RefreshException.ReconnectNeeded when OpenAI no longer accepts the sign-in
     * @throws RefreshException.CredentialError when the saved sign-in cannot be decrypted
     * @throws RefreshException.Unavailable when OpenAI cannot be reached and the current token has expired
     */
    public Access currentAccess(long agentId) {
        Connection row = flight.refreshableRow(agentId);
        Instant now = clock.instant();
        return RefreshSchedule.needsRefresh(row, now) ? refresh(agentId) : flight.access(row, now);
    }

    /**
     * OpenAI refused {@code rejectedToken} (401) although it had not expired: renews now, unless another caller
     * already replaced that token, and returns the access to use for the one retry.
     */
    public Access renewAfterRejection(long agentId, String rejectedToken) {
        // only the row that still holds the refused token is made due: when another caller saved a new pair in
        // between, the refresh below finds it fresh and returns it instead of renewing a second time; when only the
        // row's state moved (its version with it), the check is made again on the row as it is now
        for (int attempt = 0; attempt < 3; attempt++) {
            Connection row = flight.refreshableRow(agentId);
            Access stored = flight.access(row, clock.instant());
            if (!stored.accessToken().equals(rejectedToken)) {
                return stored;
            }
            Instant now = RefreshSchedule.stored(clock.instant());
            if (jdbi.withExtension(RefreshRepository.class, r -> r.dueNow(agentId, row.version(), now)) == 1) {
                log.info("OpenAI refused the access token of agent {} (expiring {} by our clock, now {}): renewing it",
                        agentId, stored.expiresAt(), now);
                break;
            }
        }
        return refresh(agentId);
    }

    /** How many token-endpoint refresh calls this instance made. */
    public long refreshCount() {
        return flight.calls();
    }

    /** Stops the background thread (waiting for a refresh in progress to finish). */
    @Override
    public void close() {
        loop.close();
    }

    private boolean isRunning() {
        return loop.isRunning();
    }

    // single flight: the first caller refreshes, everyone arriving meanwhile gets its outcome
    private Access refresh(long agentId) {
        CompletableFuture<Access> mine = new CompletableFuture<>();
        CompletableFuture<Access> running = inFlight.putIfAbsent(agentId, mine);
        if (running == null) {
            try {
                mine.complete(flight.run(agentId));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            } finally {
                inFlight.remove(agentId, mine);
                // the loop may have planned around this flight's lease; let it see the new due time
                if (!loop.isLoopThread()) {
                    loop.wake();
                }
            }
            running = mine;
        }
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
