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
import org.jdbi.v3.core.statement.Update;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conversation lookups that run with every Chat tab, Send or Telegram message read a few rows of an index in order,
 * so their cost does not grow with the agent's history (on H2 and, in the PostgreSQL run, on PostgreSQL): the chat's
 * list of the 30 newest web conversations, and a Telegram chat's latest conversation.
 */
class ConversationIndexesTest {
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
                insert(h, 1, "web", "web " + i, T0.plusSeconds(60L * ((i * 7) % 400))).execute();
            }
            for (int i = 0; i < 50; i++) { // 50 Telegram chats, two conversations each (/new started the second)
                insert(h, 1, "telegram", "tg " + i, T0.plusSeconds(86_400)).bind("chat", "chat" + i).execute();
                insert(h, 1, "telegram", "tg " + i + " again", T0.plusSeconds(86_400)).bind("chat", "chat" + i)
                        .execute();
                insert(h, 2, "web", "other " + i, T0.plusSeconds(86_400)).execute();
            }
            // same time as the newest: the higher id first
            insert(h, 1, "web", "tie", T0.plusSeconds(60L * 399)).execute();
        });
        agent = new Agent(1, 1, "agent1", "", "gpt-5.2", Agent.STOPPED, null, null, null, T0, T0);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Update insert(Handle h, long agentId, String channel, String title, Instant updated) {
        return h.createUpdate("INSERT INTO conversations (agent_id, channel, external_chat_id, title, created_at, "
                        + "updated_at) VALUES (:agent, :channel, :chat, :title, :at, :updated)")
                .bind("agent", agentId).bind("channel", channel).bind("chat", (String) null).bind("title", title)
                .bind("at", T0).bind("updated", updated);
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
    void a_telegram_chat_finds_its_latest_conversation() {
        Conversations conversations = new Conversations(database.jdbi(), Clock.systemUTC());

        assertThat(conversations.latestForChat(agent, Conversation.TELEGRAM, "chat7")).map(Conversation::title)
                .contains("tg 7 again");
        assertThat(conversations.latestForChat(agent, Conversation.TELEGRAM, "chat99")).isEmpty();
    }

    @Test
    void the_list_reads_the_index_in_order_instead_of_sorting_every_conversation() {
        assertReadsInOrder(Conversations.RECENT.replace(":agent", "1").replace(":channel", "'web'")
                .replace(":limit", "30"), "conversations_recent", 30);
    }

    @Test
    void a_telegram_chat_reads_one_row_of_its_index() {
        assertReadsInOrder(Conversations.LATEST_FOR_CHAT.replace(":agent", "1").replace(":channel", "'telegram'")
                .replace(":chat", "'chat7'"), "conversations_chat", 1);
    }

    private static void assertReadsInOrder(String sql, String index, int rows) {
        Jdbi jdbi = database.jdbi();
        if (Postgres.EVERY_APP) {
            // with 600 rows PostgreSQL would rightly scan the table; without that choice, the index must give the order
            String plan = jdbi.withHandle(h -> {
                h.execute("SET enable_seqscan = off");
                return String.join("\n", h.createQuery("EXPLAIN " + sql).mapTo(String.class).list());
            });
            assertThat(plan).contains(index).doesNotContain("Sort");
        } else {
            String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN ANALYZE " + sql).mapTo(String.class).one());
            assertThat(plan).contains(index.toUpperCase()).contains("/* index sorted */")
                    .contains("scanCount: " + rows + " ");
        }
    }
}
