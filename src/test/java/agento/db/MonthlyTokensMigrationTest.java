package agento.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import agento.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** V12 fills agent_monthly_tokens from the messages already stored, by the UTC month each was sent in. */
class MonthlyTokensMigrationTest {
    @Test
    void existing_replies_are_added_up_per_agent_and_utc_month() throws SQLException {
        boolean postgres = Postgres.EVERY_APP;
        String url = postgres ? Postgres.newDatabase() : "jdbc:h2:mem:v12-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String user = postgres ? "postgres" : "sa";
        String vendor = postgres ? "postgresql" : "h2";
        migrate(url, user, vendor, 11);
        Jdbi jdbi = Jdbi.create(url, user, "");
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO users (id, email, password_hash, role, created_at) "
                    + "VALUES (1, 'a@example.org', 'x', 'admin', TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00')");
            h.execute("INSERT INTO agents (id, owner_id, name, name_key, created_at, updated_at) VALUES (1, 1, 'Scout', "
                    + "'scout', TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00')");
            h.execute("INSERT INTO conversations (id, agent_id, channel, title, created_at, updated_at) VALUES "
                    + "(1, 1, 'web', 't', TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00')");
            String insert = "INSERT INTO messages (conversation_id, role, content, status, input_tokens, output_tokens, "
                    + "created_at) VALUES (1, 'assistant', 'r', 'complete', %d, %d, TIMESTAMP WITH TIME ZONE '%s')";
            h.execute(String.format(insert, 3, 4, "2026-10-31 20:00:00+00"));
            h.execute(String.format(insert, 5, 5, "2026-10-31 23:30:00-02")); // 1 November, 01:30 UTC
            h.execute(String.format(insert, 0, 0, "2026-11-15 12:00:00+00"));
        });

        migrate(url, user, vendor, Integer.MAX_VALUE);

        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
                "SELECT month_utc, tokens FROM agent_monthly_tokens WHERE agent_id = 1 ORDER BY month_utc")
                .mapToMap().list());
        assertThat(rows).extracting(r -> ((Number) r.get("month_utc")).intValue(),
                        r -> ((Number) r.get("tokens")).longValue())
                .containsExactly(tuple(202610, 7L), tuple(202611, 10L));
    }

    private static void migrate(String url, String user, String vendor, int upTo) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            Migrations.migrate(connection, vendor, upTo);
        }
    }
}
