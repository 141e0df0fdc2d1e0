package agento.agents;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Agent.class)
interface AgentRepository {
    @SqlUpdate("INSERT INTO agents (owner_id, name, name_key, description, created_at, updated_at) "
            + "VALUES (:owner, :name, :key, :description, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("owner") long ownerId, @Bind("name") String name, @Bind("key") String nameKey,
                @Bind("description") String description, @Bind("at") Instant at);

    @SqlQuery("SELECT COUNT(*) FROM agents WHERE owner_id = :owner AND name_key = :key AND id <> :except")
    int countNamed(@Bind("owner") long ownerId, @Bind("key") String nameKey, @Bind("except") long exceptId);

    @SqlUpdate("UPDATE agents SET name = :name, name_key = :key, description = :description, "
            + "instructions = :instructions, monthly_token_limit = :limit, updated_at = :at "
            + "WHERE id = :id AND owner_id = :owner")
    int updateDetails(@Bind("id") long id, @Bind("owner") long ownerId, @Bind("name") String name,
                      @Bind("key") String nameKey, @Bind("description") String description,
                      @Bind("instructions") String instructions, @Bind("limit") Long monthlyTokenLimit,
                      @Bind("at") Instant at);

    @SqlUpdate("UPDATE agents SET status = :status, status_reason = :reason, updated_at = :at WHERE id = :id")
    int updateStatus(@Bind("id") long id, @Bind("status") String status, @Bind("reason") String reason,
                     @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM agents WHERE owner_id = :owner ORDER BY id")
    List<Agent> listAll(@Bind("owner") long ownerId);

    @SqlQuery("SELECT * FROM agents WHERE status = 'running' ORDER BY id")
    List<Agent> running();

    @SqlUpdate("UPDATE agents SET model = :model, updated_at = :at WHERE id = :id AND owner_id = :owner")
    int updateModel(@Bind("id") long id, @Bind("owner") long ownerId, @Bind("model") String model, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM agents WHERE id = :id AND owner_id = :owner")
    int delete(@Bind("id") long id, @Bind("owner") long ownerId);
}
