package agento.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The schema migrates on its own thread while the server starts; no query ever sees it half done. */
class DatabaseTest {
    private static String freshH2() {
        return "jdbc:h2:mem:database-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void a_query_made_while_the_schema_migrates_waits_for_the_last_migration() {
        try (Database database = Database.start(freshH2(), "sa", "")) {
            // agent_monthly_tokens is made by the last migration (V12): run at once, this query would miss it
            int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM agent_monthly_tokens")
                    .mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void open_returns_with_the_schema_up_to_date() {
        try (Database database = Database.open(freshH2(), "sa", "")) {
            database.awaitSchema();
            assertThat(database.isReachable()).isTrue();
        }
    }

    @Test
    void when_the_migrations_fail_every_query_and_awaitSchema_fail_with_their_error() {
        String url = freshH2();
        // a schema with tables but no migration history is not Agento's: the migrations refuse it
        Jdbi.create(url, "sa", "").useHandle(h -> h.execute("CREATE TABLE users (id INT)"));
        try (Database database = Database.start(url, "sa", "")) {
            assertThatThrownBy(database::awaitSchema).isInstanceOf(MigrationException.class);
            assertThatThrownBy(() -> database.jdbi().withHandle(h -> h.execute("SELECT 1")))
                    .isInstanceOf(MigrationException.class);
            assertThat(database.isReachable()).isFalse();
        }
        assertThatThrownBy(() -> Database.open(url, "sa", "")).isInstanceOf(MigrationException.class);
    }
}
