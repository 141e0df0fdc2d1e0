package agento.provider.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Connection.class)
interface ConnectionRepository {
    /** Serialises every change to one agent's connection, including the first one (no row to lock yet). */
    @SqlQuery("SELECT id FROM agents WHERE id = :agent FOR UPDATE")
    Optional<Long> lockAgent(@Bind("agent") long agentId);

    @SqlQuery("SELECT * FROM provider_connections WHERE agent_id = :agent FOR UPDATE")
    Optional<Connection> findForUpdate(@Bind("agent") long agentId);

    @SqlUpdate("DELETE FROM provider_connections WHERE agent_id = :agent")
    int delete(@Bind("agent") long agentId);

    @SqlUpdate("INSERT INTO provider_connections (agent_id, provider, method, state, state_reason, account_label, "
            + "account_id, plan_type, key_hint, access_expires_at, last_verified_at, refresh_due_at, version, "
            + "created_at, updated_at) VALUES (:agentId, :provider, :method, :state, :stateReason, :accountLabel, "
            + ":accountId, :planType, :keyHint, :accessExpiresAt, :lastVerifiedAt, :refreshDueAt, :version, "
            + ":createdAt, :updatedAt)")
    void insert(@BindMethods Connection connection);

    @SqlUpdate("UPDATE provider_connections SET state = :state, state_reason = :reason, last_verified_at = "
            + "COALESCE(:verified, last_verified_at), version = version + 1, updated_at = :at WHERE agent_id = :agent")
    int updateState(@Bind("agent") long agentId, @Bind("state") String state, @Bind("reason") String reason,
                    @Bind("verified") Instant verifiedAt, @Bind("at") Instant at);

    @SqlUpdate("INSERT INTO connection_events (agent_id, at, kind, detail) VALUES (:agent, :at, :kind, :detail)")
    void record(@Bind("agent") long agentId, @Bind("at") Instant at, @Bind("kind") String kind,
                @Bind("detail") String detail);

    @SqlUpdate("DELETE FROM agent_available_models WHERE agent_id = :agent")
    void clearModels(@Bind("agent") long agentId);

    @SqlBatch("INSERT INTO agent_available_models (agent_id, model) VALUES (:agent, :model)")
    void addModels(@Bind("agent") long agentId, @Bind("model") List<String> models);

}
