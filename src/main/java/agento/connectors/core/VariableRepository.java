package agento.connectors.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Variable.class)
interface VariableRepository {
    @SqlQuery("SELECT * FROM connector_variables WHERE owner_id = :owner ORDER BY name")
    List<Variable> listOwned(@Bind("owner") long ownerId);

    @SqlQuery("SELECT * FROM connector_variables WHERE id = :id AND owner_id = :owner")
    Optional<Variable> findOwned(@Bind("id") long id, @Bind("owner") long ownerId);

    @SqlQuery("SELECT * FROM connector_variables WHERE owner_id = :owner AND name = :name")
    Optional<Variable> findNamed(@Bind("owner") long ownerId, @Bind("name") String name);

    @SqlUpdate("INSERT INTO connector_variables (owner_id, name, hint, created_at, updated_at) "
            + "VALUES (:owner, :name, :hint, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("owner") long ownerId, @Bind("name") String name, @Bind("hint") String hint, @Bind("at") Instant at);

    @SqlUpdate("UPDATE connector_variables SET hint = :hint, updated_at = :at WHERE id = :id AND owner_id = :owner")
    int updateHint(@Bind("id") long id, @Bind("owner") long ownerId, @Bind("hint") String hint, @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM connector_variables WHERE id = :id AND owner_id = :owner")
    int delete(@Bind("id") long id, @Bind("owner") long ownerId);

    /** The connectors whose credential refers to a variable: "connector X". */
    @SqlQuery("SELECT 'connector \u201c' || name || '\u201d' FROM connectors WHERE owner_id = :owner "
            + "AND (',' || secret_refs || ',') LIKE :listed")
    List<String> connectorsUsing(@Bind("owner") long ownerId, @Bind("listed") String listed);

    /** An action ("action Y of X") and its templated text, searched for {{NAME}} in Java (the same on H2 and PostgreSQL). */
    record ActionText(String label, String text) {}

    @SqlQuery("SELECT 'action \u201c' || a.name || '\u201d of \u201c' || c.name || '\u201d' AS label, "
            + "COALESCE(a.query, '') || COALESCE(a.headers, '') || COALESCE(a.body_template, '') AS text "
            + "FROM connector_actions a JOIN connectors c ON c.id = a.connector_id WHERE c.owner_id = :owner")
    @RegisterConstructorMapper(ActionText.class)
    List<ActionText> actionTexts(@Bind("owner") long ownerId);
}
