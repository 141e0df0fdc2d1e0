package agento.connectors.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Action.class)
interface ActionRepository {
    @SqlQuery("SELECT * FROM connector_actions WHERE connector_id = :connector ORDER BY name_key")
    List<Action> listFor(@Bind("connector") long connectorId);

    @SqlQuery("SELECT a.* FROM connector_actions a JOIN connectors c ON c.id = a.connector_id "
            + "WHERE a.id = :id AND c.owner_id = :owner")
    Optional<Action> findOwned(@Bind("id") long id, @Bind("owner") long ownerId);

    @SqlQuery("SELECT COUNT(*) FROM connector_actions WHERE connector_id = :connector AND name_key = :key AND id <> :except")
    int countNamed(@Bind("connector") long connectorId, @Bind("key") String nameKey, @Bind("except") long exceptId);

    @SqlUpdate("INSERT INTO connector_actions (connector_id, name, name_key, description, method, path, query, "
            + "headers, body_template, created_at, updated_at) VALUES (:connector, :name, :key, :description, "
            + ":method, :path, :query, :headers, :body, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("connector") long connectorId, @Bind("name") String name, @Bind("key") String nameKey,
                @Bind("description") String description, @Bind("method") String method, @Bind("path") String path,
                @Bind("query") String query, @Bind("headers") String headers, @Bind("body") String body,
                @Bind("at") Instant at);

    default long insert(long connectorId, ActionRules.Checked a, Instant at) {
        return insert(connectorId, a.name(), ConnectorService.key(a.name()), a.description(), a.method(), a.path(),
                a.query(), a.headers(), a.body(), at);
    }

    @SqlUpdate("UPDATE connector_actions SET name = :name, name_key = :key, description = :description, "
            + "method = :method, path = :path, query = :query, headers = :headers, body_template = :body, "
            + "updated_at = :at WHERE id = :id")
    void update(@Bind("id") long id, @Bind("name") String name, @Bind("key") String nameKey,
                @Bind("description") String description, @Bind("method") String method, @Bind("path") String path,
                @Bind("query") String query, @Bind("headers") String headers, @Bind("body") String body,
                @Bind("at") Instant at);

    default void update(long id, ActionRules.Checked a, Instant at) {
        update(id, a.name(), ConnectorService.key(a.name()), a.description(), a.method(), a.path(), a.query(),
                a.headers(), a.body(), at);
    }

    @SqlUpdate("DELETE FROM connector_actions WHERE id = :id")
    void delete(@Bind("id") long id);
}
