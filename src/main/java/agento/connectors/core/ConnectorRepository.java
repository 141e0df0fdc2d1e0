package agento.connectors.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Connector.class)
interface ConnectorRepository {
    /** A connector with its action count and its latest run, for the list. */
    record Row(long id, int actionCount, Boolean lastSucceeded, String lastOutcome) {}

    @SqlQuery("SELECT * FROM connectors WHERE owner_id = :owner ORDER BY name_key")
    List<Connector> listOwned(@Bind("owner") long ownerId);

    @SqlQuery("SELECT c.id, (SELECT COUNT(*) FROM connector_actions a WHERE a.connector_id = c.id) AS action_count, "
            + "r.succeeded AS last_succeeded, r.outcome AS last_outcome FROM connectors c LEFT JOIN action_runs r "
            + "ON r.id = (SELECT MAX(r2.id) FROM action_runs r2 JOIN connector_actions a2 ON a2.id = r2.action_id "
            + "WHERE a2.connector_id = c.id) WHERE c.owner_id = :owner")
    @RegisterConstructorMapper(Row.class)
    List<Row> summaries(@Bind("owner") long ownerId);

    @SqlQuery("SELECT * FROM connectors WHERE id = :id AND owner_id = :owner")
    Optional<Connector> findOwned(@Bind("id") long id, @Bind("owner") long ownerId);

    @SqlQuery("SELECT COUNT(*) FROM connectors WHERE owner_id = :owner AND name_key = :key AND id <> :except")
    int countNamed(@Bind("owner") long ownerId, @Bind("key") String nameKey, @Bind("except") long exceptId);

    @SqlUpdate("INSERT INTO connectors (owner_id, name, name_key, description, base_url, auth_type, api_key_in, "
            + "auth_key, auth_pattern, created_at, updated_at) VALUES (:owner, :name, :key, :description, "
            + ":baseUrl, :type, :apiKeyIn, :authKey, :pattern, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("owner") long ownerId, @Bind("name") String name, @Bind("key") String nameKey,
                @Bind("description") String description, @Bind("baseUrl") String baseUrl, @Bind("type") String type,
                @Bind("apiKeyIn") String apiKeyIn, @Bind("authKey") String authKey, @Bind("pattern") String pattern,
                @Bind("at") Instant at);

    /** Inserts a checked connector. */
    default long insert(long ownerId, ConnectorRules.Checked c, Instant at) {
        return insert(ownerId, c.name(), ConnectorService.key(c.name()), c.description(), c.baseUrl(),
                c.type().column(), c.apiKeyIn(), c.authKey(), c.pattern(), at);
    }

    @SqlUpdate("UPDATE connectors SET name = :name, name_key = :key, description = :description, base_url = "
            + ":baseUrl, auth_type = :type, api_key_in = :apiKeyIn, auth_key = :authKey, auth_pattern = "
            + ":pattern, updated_at = :at WHERE id = :id")
    void update(@Bind("id") long id, @Bind("name") String name, @Bind("key") String nameKey,
                @Bind("description") String description, @Bind("baseUrl") String baseUrl, @Bind("type") String type,
                @Bind("apiKeyIn") String apiKeyIn, @Bind("authKey") String authKey, @Bind("pattern") String pattern,
                @Bind("at") Instant at);

    /** Saves a checked connector over row {@code id}. */
    default void update(long id, ConnectorRules.Checked c, Instant at) {
        update(id, c.name(), ConnectorService.key(c.name()), c.description(), c.baseUrl(), c.type().column(),
                c.apiKeyIn(), c.authKey(), c.pattern(), at);
    }

    @SqlUpdate("UPDATE connectors SET secret_hint = :hint, secret_refs = :refs WHERE id = :id")
    void updateSecretFacts(@Bind("id") long id, @Bind("hint") String hint, @Bind("refs") String refs);

    @SqlUpdate("DELETE FROM connectors WHERE id = :id AND owner_id = :owner")
    int delete(@Bind("id") long id, @Bind("owner") long ownerId);
}
