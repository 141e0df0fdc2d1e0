package agento.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import agento.support.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The migrations run on H2 and (in the suite's PostgreSQL run) on PostgreSQL, and keep the history Flyway kept
 * before them: a database Flyway migrated goes on here, and Flyway takes one migrated here as its own.
 */
class MigrationsTest {
    private static final int LATEST = Integer.MAX_VALUE;
    private static final String HISTORY = "\"flyway_schema_history\"";

    private final boolean postgres = Postgres.EVERY_APP;
    private final String url = postgres ? Postgres.newDatabase()
            : "jdbc:h2:mem:migrations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final String user = postgres ? "postgres" : "sa";
    private final String vendor = postgres ? "postgresql" : "h2";
    private final Jdbi jdbi = Jdbi.create(url, user, "");

    @Test
    void the_list_names_every_script_of_the_three_folders_once_in_version_order() throws IOException {
        Path db = Path.of("src/main/resources/db");
        Set<String> inFolders = new TreeSet<>();
        for (String folder : List.of("migration", "h2", "postgresql")) {
            try (Stream<Path> files = Files.list(db.resolve(folder))) {
                inFolders.addAll(files.map(f -> f.getFileName().toString().replaceFirst("\\.sql$", ""))
                        .collect(Collectors.toSet()));
            }
        }
        assertThat(new TreeSet<>(Migrations.ALL)).isEqualTo(inFolders);
        assertThat(Migrations.ALL).hasSize(inFolders.size());
        List<Integer> versions = Migrations.ALL.stream().map(name -> Migration.load(name, "h2").version()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
        // a script of one database only has its twin for the other
        for (String name : Migrations.ALL) {
            boolean both = Files.exists(db.resolve("migration/" + name + ".sql"));
            assertThat(both || Files.exists(db.resolve("h2/" + name + ".sql")) && Files.exists(
                    db.resolve("postgresql/" + name + ".sql"))).as(name).isTrue();
        }
    }

    @Test
    void a_fresh_database_gets_every_migration_and_a_history_flyway_takes_as_its_own() throws SQLException {
        migrate(LATEST);

        assertThat(strings("SELECT \"version\" FROM " + HISTORY + " WHERE \"success\" ORDER BY \"installed_rank\""))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");
        Flyway flyway = flyway("latest");
        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway.info().pending()).isEmpty();
        migrate(LATEST); // again: nothing to do
        assertThat(historyRows()).isEqualTo(13);
    }

    @Test
    void a_database_flyway_migrated_goes_on_from_where_it_is() throws SQLException {
        flyway("11").migrate();
        jdbi.useHandle(h -> h.execute("INSERT INTO users (email, password_hash, role, created_at) "
                + "VALUES ('kept@example.org', 'x', 'admin', CURRENT_TIMESTAMP)"));

        migrate(LATEST);

        assertThat(strings("SELECT \"version\" FROM " + HISTORY
                + " WHERE \"installed_rank\" > 11 ORDER BY \"installed_rank\""))
                .containsExactly("12", "13");
        assertThat(strings("SELECT email FROM users"))
                .containsExactly("kept@example.org");
        assertThat(flyway("latest").validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void a_migration_changed_after_it_ran_is_refused_and_nothing_later_runs() throws SQLException {
        migrate(11);
        jdbi.useHandle(h -> h.execute("UPDATE " + HISTORY + " SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '3'"));

        assertThatThrownBy(() -> migrate(LATEST)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V3__provider_connections.sql was changed after it ran");
        assertThat(historyRows()).isEqualTo(11);
    }

    @Test
    void a_migration_that_failed_on_an_earlier_start_is_refused() throws SQLException {
        migrate(11);
        jdbi.useHandle(h -> h.execute("UPDATE " + HISTORY + " SET \"success\" = FALSE WHERE \"version\" = '11'"));

        assertThatThrownBy(() -> migrate(LATEST)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V11__agent_tools.sql failed on an earlier start");
        assertThat(historyRows()).isEqualTo(11);
    }

    @Test
    void a_schema_with_tables_but_no_history_is_refused_and_left_as_it_is() {
        jdbi.useHandle(h -> h.execute("CREATE TABLE users (id INT)"));

        assertThatThrownBy(() -> migrate(LATEST)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("already has tables but no migration history");
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE "
                + "LOWER(table_name) = 'flyway_schema_history'")).isEmpty();
    }

    @Test
    void a_migration_a_newer_agento_ran_is_left_alone() throws SQLException {
        migrate(LATEST);
        jdbi.useHandle(h -> h.execute("INSERT INTO " + HISTORY + " (\"installed_rank\", \"version\", \"description\", "
                + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                + "VALUES (14, '14', 'later', 'SQL', 'V14__later.sql', 1, 'sa', 1, TRUE)"));

        migrate(LATEST);

        assertThat(historyRows()).isEqualTo(14);
    }

    @Test
    void servers_starting_together_on_postgresql_take_turns() throws Exception {
        assumeTrue(postgres, "H2's embedded database has one server");
        ExecutorService servers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(servers.submit((Callable<Object>) () -> {
                    migrate(LATEST);
                    return null;
                }));
            }
            for (Future<Object> start : starts) {
                start.get(); // throws what a server's migration threw
            }
        } finally {
            servers.shutdownNow();
        }
        assertThat(historyRows()).isEqualTo(13);
    }

    private void migrate(int upTo) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            Migrations.migrate(connection, vendor, upTo);
        }
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(url, user, "")
                .locations("classpath:db/migration", "classpath:db/" + vendor).target(target).load();
    }

    private int historyRows() {
        return strings("SELECT \"version\" FROM " + HISTORY).size();
    }

    private List<String> strings(String query) {
        return jdbi.withHandle(h -> h.createQuery(query).mapTo(String.class).list());
    }
}
