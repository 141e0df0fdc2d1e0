package agento.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date: each migration of {@link #ALL} the history does not have runs, in order, and is
 * added to it.
 *
 * <p>This replaced Flyway, which did the same at about four times the cost of the scripts themselves at start-up
 * (it scans the class path and loads some 400 classes). The history is still Flyway's table, with Flyway's
 * descriptions and checksums: a database an earlier Agento migrated with Flyway goes on from where it is.
 *
 * <p>Refused, with the reason, and nothing run: a schema with tables but no history (not Agento's), a migration that
 * failed before or was changed after it ran, one missing below one that ran. Versions above the last one here (a
 * newer Agento ran on this database) are left as they are. On PostgreSQL all of it is one transaction under an
 * advisory lock: servers starting together take turns, and a failed migration changes nothing. H2 commits each
 * DDL statement, so there a failure can leave its migration half done: the message says so.
 */
final class Migrations {
    /** Every migration, in order (a test holds this list to the folders). */
    static final List<String> ALL = List.of(
            "V1__accounts_and_agents", "V2__vault", "V3__provider_connections", "V4__oauth_flows",
            "V5__pkce_verifier_in_secrets", "V6__agent_runtime_and_chat", "V7__connectors", "V8__telegram",
            "V9__http_sessions", "V10__sign_in_with_a_code", "V11__agent_tools", "V12__monthly_tokens",
            "V13__conversation_indexes");
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final long POSTGRES_LOCK = 0x4147454E544FL; // "AGENTO"

    private Migrations() {}

    /** Runs what the history lacks up to version {@code upTo}, on {@code vendor} ({@code h2} or {@code postgresql}). */
    static void migrate(Connection connection, String vendor, int upTo) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                run(connection, vendor, upTo);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MigrationException("the schema could not be brought up to date: " + e.getMessage(), e);
        }
    }

    private static void run(Connection connection, String vendor, int upTo) throws SQLException {
        if (vendor.equals("postgresql")) {
            try (Statement lock = connection.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK + ")");
            }
        }
        MigrationHistory history = MigrationHistory.open(connection);
        Map<Integer, MigrationHistory.Applied> applied = history.applied();
        int last = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (MigrationHistory.Applied done : applied.values()) {
            if (!done.success()) {
                throw new MigrationException("migration " + done.script() + " failed on an earlier start and may be"
                        + " half done: restore the database from a backup made before it");
            }
        }
        int ran = 0;
        long started = System.nanoTime();
        for (String name : ALL) {
            Migration migration = Migration.load(name, vendor);
            if (migration.version() > upTo) {
                break;
            }
            MigrationHistory.Applied done = applied.get(migration.version());
            if (done != null) {
                if (done.checksum() == null || done.checksum() != migration.checksum()) {
                    throw new MigrationException("migration " + migration.script() + " was changed after it ran on"
                            + " this database: put back the script it ran");
                }
            } else if (migration.version() < last) {
                throw new MigrationException("migration " + migration.script() + " never ran on this database, but a"
                        + " later one did");
            } else {
                long one = System.nanoTime();
                execute(connection, vendor, migration);
                history.add(migration, (System.nanoTime() - one) / 1_000_000);
                ran++;
            }
        }
        if (ran > 0) {
            log.info("Brought the schema up to date: {} migrations in {} ms", ran,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void execute(Connection connection, String vendor, Migration migration) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(migration.sql()); // H2 and PostgreSQL's driver both run a script of several statements
        } catch (SQLException e) {
            String h2 = vendor.equals("h2") ? " (H2 may have kept part of it: restore the data folder from a backup)"
                    : "";
            throw new MigrationException("migration " + migration.script() + " failed" + h2 + ": " + e.getMessage(), e);
        }
    }
}
