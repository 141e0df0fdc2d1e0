package agento.runtime.chat;

import agento.db.Reads;
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
    private static final String USED = "SELECT tokens FROM agent_monthly_tokens "
            + "WHERE agent_id = :agent AND month_utc = :month";
    private static final String REPLY = "SELECT c.agent_id, m.created_at FROM messages m "
            + "JOIN conversations c ON c.id = m.conversation_id WHERE m.id = :id";

    private MonthlyTokens() {}

    static long used(Jdbi jdbi, long agentId, YearMonth month) {
        List<Long> tokens = Reads.column(jdbi, USED, Long.class, "agent", agentId, "month", key(month));
        return tokens.isEmpty() ? 0 : tokens.get(0);
    }

    /** The agent and UTC month a reply counts toward. */
    record Month(long agentId, int key) {}

    /**
     * Inside the transaction that stores reply {@code replyId}, before it touches the reply: locks its agent's row
     * (two replies finishing at once then add one after the other, with no lost update and no duplicate first row,
     * on H2 and PostgreSQL alike) and returns the month to add to; null when the agent is gone meanwhile.
     */
    static Month lockFor(Handle h, long replyId) {
        var reply = h.createQuery(REPLY).bind("id", replyId)
                .map((rs, ctx) -> new Month(rs.getLong(1),
                        key(YearMonth.from(rs.getObject(2, OffsetDateTime.class).toInstant().atOffset(ZoneOffset.UTC)))))
                .findOne();
        if (reply.isEmpty()) {
            return null;
        }
        boolean agentThere = h.createQuery("SELECT id FROM agents WHERE id = :agent FOR UPDATE")
                .bind("agent", reply.get().agentId()).mapTo(Long.class).findOne().isPresent();
        return agentThere ? reply.get() : null;
    }

    /** Adds {@code tokens} to {@code month}, which {@link #lockFor} locked in this transaction. */
    static void add(Handle h, Month month, long tokens) {
        int added = h.createUpdate("UPDATE agent_monthly_tokens SET tokens = tokens + :tokens "
                        + "WHERE agent_id = :agent AND month_utc = :month")
                .bind("tokens", tokens).bind("agent", month.agentId()).bind("month", month.key()).execute();
        if (added == 0) {
            h.createUpdate("INSERT INTO agent_monthly_tokens (agent_id, month_utc, tokens) "
                            + "VALUES (:agent, :month, :tokens)")
                    .bind("agent", month.agentId()).bind("month", month.key()).bind("tokens", tokens).execute();
        }
    }

    static int key(YearMonth month) {
        return month.getYear() * 100 + month.getMonthValue();
    }
}
