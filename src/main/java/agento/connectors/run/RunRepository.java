package agento.connectors.run;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

@RegisterConstructorMapper(ActionRun.class)
interface RunRepository {
    @SqlQuery("SELECT * FROM action_runs WHERE action_id = :action ORDER BY id DESC LIMIT :limit")
    List<ActionRun> latest(@Bind("action") long actionId, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO action_runs (action_id, at, succeeded, status, duration_ms, outcome, final_url, "
            + "response_headers, body) VALUES (:actionId, :at, :succeeded, :status, :durationMs, :outcome, "
            + ":finalUrl, :responseHeaders, :body)")
    void insert(@BindMethods ActionRun run);

    @SqlUpdate("DELETE FROM action_runs WHERE action_id = :action AND id NOT IN "
            + "(SELECT id FROM action_runs WHERE action_id = :action ORDER BY id DESC LIMIT :keep)")
    void trim(@Bind("action") long actionId, @Bind("keep") int keep);

    /** Stores a run and forgets all but the latest {@code keep} of its action. */
    @Transaction
    default void record(ActionRun run, int keep) {
        insert(run);
        trim(run.actionId(), keep);
    }
}
