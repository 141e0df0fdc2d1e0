package agento.provider.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(OAuthFlow.class)
interface OAuthFlowRepository {
    @SqlUpdate("INSERT INTO oauth_flows (state, session_binding, user_id, agent_id, redirect_uri, mode, created_at, "
            + "expires_at) VALUES (:state, :sessionBinding, :userId, :agentId, :redirectUri, :mode, :createdAt, "
            + ":expiresAt)")
    void insert(@BindMethods OAuthFlow flow);

    @SqlQuery("SELECT * FROM oauth_flows WHERE state = :state")
    Optional<OAuthFlow> find(@Bind("state") String state);

    /** Single use: only the first caller gets 1. */
    @SqlUpdate("UPDATE oauth_flows SET used_at = :at WHERE state = :state AND used_at IS NULL")
    int markUsed(@Bind("state") String state, @Bind("at") Instant at);

    @SqlUpdate("UPDATE oauth_flows SET outcome = :outcome, outcome_detail = :detail, used_at = COALESCE(used_at, :at) "
            + "WHERE state = :state")
    void finish(@Bind("state") String state, @Bind("outcome") String outcome, @Bind("detail") String detail,
                @Bind("at") Instant at);

    @SqlQuery("SELECT state FROM oauth_flows WHERE expires_at < :before")
    List<String> expired(@Bind("before") Instant before);

    @SqlQuery("SELECT state FROM oauth_flows WHERE agent_id = :agent")
    List<String> ofAgent(@Bind("agent") long agentId);

    @SqlUpdate("DELETE FROM oauth_flows WHERE state = :state")
    void delete(@Bind("state") String state);

    /** Sign in with a code: when to poll first, and how often. */
    @SqlUpdate("UPDATE oauth_flows SET poll_interval_seconds = :interval, next_poll_at = :next WHERE state = :state")
    void schedulePolls(@Bind("state") String state, @Bind("interval") long intervalSeconds, @Bind("next") Instant next);

    /** Atomic claim among all servers; the lease runs out if its holder dies. */
    @SqlUpdate("UPDATE oauth_flows SET poll_lease_until = :until WHERE state = :state AND used_at IS NULL "
            + "AND next_poll_at <= :now AND (poll_lease_until IS NULL OR poll_lease_until < :now)")
    int takePollLease(@Bind("state") String state, @Bind("now") Instant now, @Bind("until") Instant until);

    @SqlUpdate("UPDATE oauth_flows SET next_poll_at = :next, poll_lease_until = NULL WHERE state = :state")
    void pollLater(@Bind("state") String state, @Bind("next") Instant next);
}
