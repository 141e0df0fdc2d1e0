package agento.runtime.chat;

import agento.db.Reads;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tokens each agent used per calendar month (UTC), in {@code agent_monthly_tokens}: a finished reply adds its tokens
 * to the month it was sent in, so the monthly limit is one row to read on every Send, however long the month was.
 */
final class MonthlyTokens {
    private static final String USED = "SELECT tokens FROM agent_monthly_tokens WHERE agent_id = :agent AND month_utc = :month";
    private static final String REPLY = "SELECT c.agent_id, m.created_at FROM messages m "
            + "JOIN conversations c ON c.id = m.conversation_id WHERE m.id = :id";

    private MonthlyTokens() {}

    static long used(Jdbi jdbi, long agentId, YearMonth month) {
        List<Long> tokens = Reads.column(jdbi, USED, Long.class, "agent", agentId, "month", key(month));
        return tokens.isEmpty() ? 0 : tokens.get(0);
    }

    /** Inside the transaction that stores the reply: adds {@code tokens} to its agent's month. */
    static void add(Handle h, long replyId, long tokens) {
        if (tokens <= 0) {
            return;
        }
        var reply = h.createQuery(REPLY).bind("id", replyId)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)}).findOne();
        if (reply.isEmpty()) {
            return; // the conversation was removed with its agent meanwhile
        }
        long agentId = (Long) reply.get()[0];
        Instant sent = ((OffsetDateTime) reply.get()[1]).toInstant();
        int month = key(YearMonth.from(sent.atOffset(ZoneOffset.UTC)));
        // the agent's row lock makes two replies finishing at once add one after the other (no lost update, no
        // duplicate first row), the same on H2 and PostgreSQL
        h.createQuery("SELECT id FROM agents WHERE id = :agent FOR UPDATE").bind("agent", agentId)
                .mapTo(Long.class).findOne();
        int added = h.createUpdate("UPDATE agent_monthly_tokens SET tokens = tokens + :tokens "
                        + "WHERE agent_id = :agent AND month_utc = :month")
                .bind("tokens", tokens).bind("agent", agentId).bind("month", month).execute();
        if (added == 0) {
            h.createUpdate("INSERT INTO agent_monthly_tokens (agent_id, month_utc, tokens) VALUES (:agent, :month, :tokens)")
                    .bind("agent", agentId).bind("month", month).bind("tokens", tokens).execute();
        }
    }

    static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
