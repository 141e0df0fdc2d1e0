package agento.runtime.chat;

import static org.assertj.core.api.Assertions.assertThat;

import agento.agents.Agent;
import agento.db.Database;
import agento.support.Postgres;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat's conversation list, sent with every Send: the 30 newest web conversations of one agent, read from the
 * index in order, so its cost does not grow with the agent's history (on H2 and, in the PostgreSQL run, on PostgreSQL).
 */
class RecentConversationsQueryTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static Database database;
    private static Agent agent;

    @BeforeAll
    static void manyConversations() {
        String url = Postgres.EVERY_APP ? Postgres.newDatabase()
                : "jdbc:h2:mem:recent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = Database.open(url, Postgres.EVERY_APP ? "postgres" : "sa", "");
        database.jdbi().useHandle(h -> {
            h.execute("INSERT INTO users (id, email, password_hash, role, created_at) VALUES (1, 'a@example.org', 'x', "
                    + "'admin', TIMESTAMP WITH TIME ZONE '2026-10-01 00:00:00+00')");
            for (int id = 1; id <= 2; id++) {
                h.createUpdate("INSERT INTO agents (id, owner_id, name, name_key, created_at, updated_at) "
                        + "VALUES (:id, 1, :name, :name, :at, :at)").bind("id", id).bind("name", "agent" + id)
                        .bind("at", T0).execute();
            }
            // 400 web conversations of agent 1, each updated a minute after the last, ids in another order;
            // Telegram conversations newer than all of them, and another agent's
            for (int i = 0; i < 400; i++) {
                insert(h, 1, "web", "web " + i, T0.plusSeconds(60L * ((i * 7) % 400)));
            }
            for (int i = 0; i < 50; i++) {
                insert(h, 1, "telegram", "tg " + i, T0.plusSeconds(86_400));
                insert(h, 2, "web", "other " + i, T0.plusSeconds(86_400));
            }
            insert(h, 1, "web", "tie", T0.plusSeconds(60L * 399)); // same time as the newest: the higher id first
        });
        agent = new Agent(1, 1, "agent1", "", "gpt-5.2", Agent.STOPPED, null, null, null, T0, T0);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static void insert(Handle h, long agentId, String channel, String title, Instant updated) {
        h.createUpdate("INSERT INTO conversations (agent_id, channel, title, created_at, updated_at) "
                        + "VALUES (:agent, :channel, :title, :at, :updated)")
                .bind("agent", agentId).bind("channel", channel).bind("title", title).bind("at", T0)
                .bind("updated", updated).execute();
    }

    @Test
    void lists_the_agents_thirty_newest_web_conversations_newest_first() {
        List<String> titles = new Conversations(database.jdbi(), Clock.systemUTC()).recentWeb(agent).stream()
                .map(Conversation::title).toList();

        assertThat(titles).hasSize(30);
        assertThat(titles.get(0)).isEqualTo("tie");
        // updated minute m belongs to i with 7i = m (mod 400): minute 399 is i = 57, 398 is i = 114, ...
        assertThat(titles.subList(1, 4)).containsExactly("web 57", "web 114", "web 171");
        assertThat(titles).allMatch(t -> t.startsWith("web ") || t.equals("tie"));
    }

    @Test
    void reads_the_index_in_order_instead_of_sorting_every_conversation() {
        Jdbi jdbi = database.jdbi();
        String sql = Conversations.RECENT.replace(":agent", "1").replace(":channel", "'web'").replace(":limit", "30");
        if (Postgres.EVERY_APP) {
            // with 500 rows PostgreSQL would rightly scan the table; without that choice, the index must give the order
            String plan = jdbi.withHandle(h -> {
                h.execute("SET enable_seqscan = off");
                return String.join("\n", h.createQuery("EXPLAIN " + sql).mapTo(String.class).list());
            });
            assertThat(plan).contains("conversations_recent").doesNotContain("Sort");
        } else {
            String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE " + sql).mapTo(String.class).one());
            assertThat(plan).contains("CONVERSATIONS_RECENT").contains("/* index sorted */")
                    .contains("scanCount: 30 ");
        }
    }
}
