package agento.connectors.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Action.class)
interface ActionRepository {
    @SqlQuery("SELECT * FROM connector_actions WHERE connector_id = :connector ORDER BY name_key")
    List<Action> listFor(@Bind("connector") long connectorId);

    /** The owner's actions, each after its connector, in name order. */
    @SqlQuery("SELECT a.* FROM connector_actions a JOIN connectors c ON c.id = a.connector_id "
            + "WHERE c.owner_id = :owner ORDER BY c.name_key, a.name_key")
    List<Action> listOwned(@Bind("owner") long ownerId);

    @SqlQuery("SELECT a.* FROM connector_actions a JOIN connectors c ON c.id = a.connector_id "
            + "WHERE a.id = :id AND c.owner_id = :owner")
    Optional<Action> findOwned(@Bind("id") long id, @Bind("owner") long ownerId);

    @SqlQuery("SELECT COUNT(*) FROM connector_actions WHERE connector_id = :connector AND name_key = :key AND id <> :except")
    int countNamed(@Bind("connector") long connectorId, @Bind("key") String nameKey, @Bind("except") long exceptId);

    @SqlUpdate("INSERT INTO connector_actions (connector_id, name, name_key, description, method, path, query, "
            + "headers, body_template, created_at, updated_at) VALUES (:connector, :a.name, :key, :a.description, "
            + ":a.method, :a.path, :a.query, :a.headers, :a.body, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("connector") long connectorId, @BindMethods("a") ActionRules.Checked a,
                @Bind("key") String nameKey, @Bind("at") Instant at);

    @SqlUpdate("UPDATE connector_actions SET name = :a.name, name_key = :key, description = :a.description, "
            + "method = :a.method, path = :a.path, query = :a.query, headers = :a.headers, body_template = :a.body, "
            + "updated_at = :at WHERE id = :id")
    void update(@Bind("id") long id, @BindMethods("a") ActionRules.Checked a, @Bind("key") String nameKey,
                @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM connector_actions WHERE id = :id")
    void delete(@Bind("id") long id);
}
