package agento.provider.refresh;

import agento.provider.core.ConnectionStore;
import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The refresher's SQL on {@code provider_connections}. {@code version} changes with every new token pair and every
 * state change (ConnectionStore.updateState bumps it too); a lease is identified by its {@code refresh_lease_until}
 * value, so only its holder can release it. Every writer of a new pair either holds the lease (a refresher) or
 * rewrites the row without one (a new sign-in), so "version unchanged, or our lease still there" means no newer
 * pair was saved since the lease was taken.
 */
interface RefreshRepository {
    String REFRESHABLE = "method = 'oauth' AND state IN ('connected', 'no_quota', 'unverified')";

    /** Atomic claim: succeeds for one caller among all servers until the lease is released or runs out. */
    @SqlUpdate("UPDATE provider_connections SET refresh_lease_until = :until WHERE agent_id = :agent "
            + "AND version = :version AND (refresh_lease_until IS NULL OR refresh_lease_until < :now)")
    int takeLease(@Bind("agent") long agentId, @Bind("version") long version, @Bind("until") Instant until,
                  @Bind("now") Instant now);

    @SqlUpdate("UPDATE provider_connections SET refresh_lease_until = NULL "
            + "WHERE agent_id = :agent AND refresh_lease_until = :lease")
    int releaseLease(@Bind("agent") long agentId, @Bind("lease") Instant lease);

    /**
     * The compare-and-swap: 0 rows when a newer pair was saved since the lease was taken at {@code version}.
     * A no_quota row stays no_quota with its billing reason: a refresh says nothing about quota.
     */
    @SqlUpdate("UPDATE provider_connections SET access_expires_at = :expiresAt, refresh_due_at = :due, "
            + "last_verified_at = :at, state = CASE WHEN state = 'no_quota' THEN state ELSE 'connected' END, "
            + "state_reason = CASE WHEN state = 'no_quota' AND state_reason <> :unavailable THEN state_reason "
            + "ELSE NULL END, refresh_failures = 0, refresh_lease_until = NULL, version = version + 1, updated_at = :at "
            + "WHERE agent_id = :agent AND (version = :version OR refresh_lease_until = :lease)")
    int saveRefreshed(@Bind("agent") long agentId, @Bind("version") long version, @Bind("lease") Instant lease,
                      @Bind("expiresAt") Instant expiresAt, @Bind("due") Instant due, @Bind("at") Instant at,
                      @Bind("unavailable") String unavailableReason);

    /** Keeps the tokens and the state; counts the failure, schedules the retry and frees the lease (if still ours). */
    @SqlUpdate("UPDATE provider_connections SET refresh_failures = :failures, refresh_due_at = :retryAt, "
            + "state_reason = :reason, refresh_lease_until = NULL, updated_at = :at "
            + "WHERE agent_id = :agent AND refresh_lease_until = :lease")
    int postpone(@Bind("agent") long agentId, @Bind("lease") Instant lease,
                 @Bind("failures") int failures, @Bind("retryAt") Instant retryAt, @Bind("reason") String reason,
                 @Bind("at") Instant at);

    /** Retries stop (no due time); the tokens stay where they are. {@code leaseOrNull}: the caller's lease, if any. */
    @SqlUpdate("UPDATE provider_connections SET state = :state, state_reason = :reason, refresh_due_at = NULL, "
            + "refresh_lease_until = NULL, refresh_failures = refresh_failures + 1, version = version + 1, "
            + "updated_at = :at WHERE agent_id = :agent AND (version = :version OR refresh_lease_until = :lease)")
    int stop(@Bind("agent") long agentId, @Bind("version") long version, @Bind("lease") Instant leaseOrNull,
             @Bind("state") String state,
             @Bind("reason") String reason, @Bind("at") Instant at);

    /**
     * A token OpenAI refused, still the one at {@code version}: the next caller renews it (a backoff ends too), and it
     * counts as expired from now on, so nobody is handed it again while another server holds the renewal (a token
     * a hair from its expiry by our clock, already expired at OpenAI, was refused, then returned for the retry).
     */
    @SqlUpdate("UPDATE provider_connections SET refresh_due_at = :now, access_expires_at = :now "
            + "WHERE agent_id = :agent AND version = :version AND " + REFRESHABLE)
    int dueNow(@Bind("agent") long agentId, @Bind("version") long version, @Bind("now") Instant now);
}
