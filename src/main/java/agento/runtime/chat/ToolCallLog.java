package agento.runtime.chat;

import agento.db.Jdbc;
import agento.db.Reads;
import agento.runtime.openai.FunctionCall;
import agento.runtime.toolbox.ToolResult;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The tool calls of replies, as the conversation shows them: kept as they start, are answered and finish. */
public final class ToolCallLog {
    static final int MAX_ARGUMENTS = 8000;
    static final int MAX_RESULT = 8000;
    static final int MAX_OUTCOME = 1000;
    // the Chat tab reads these on every request: fluent, not a SQL Object (see Reads)
    private static final RowMapper<ToolCall> CALLS = Reads.rowsOf(ToolCall.class);
    private static final String INSERT = "INSERT INTO tool_calls (message_id, call_id, label, arguments, status, "
            + "outcome, text_offset, created_at) VALUES (:messageId, :callId, :label, :arguments, :status, :outcome, "
            + ":textOffset, :createdAt)";
    private static final String UPDATE = "UPDATE tool_calls SET status = :status, http_status = :httpStatus, "
            + "duration_ms = :durationMs, outcome = :outcome, result = :result WHERE id = :id";
    private static final String GET = "SELECT * FROM tool_calls WHERE id = :id";
    private static final String FOR_CONVERSATION = "SELECT t.* FROM tool_calls t JOIN messages m ON m.id = t.message_id "
            + "WHERE m.conversation_id = :conversation ORDER BY t.id";
    private static final String FOR_MESSAGE = "SELECT * FROM tool_calls WHERE message_id = :message ORDER BY id";
    /** Calls left waiting or running by a server that stopped: they will never finish. */
    private static final String ABANDON = "UPDATE tool_calls SET status = 'failed', outcome = ? "
            + "WHERE status IN ('asking', 'running') AND created_at < ?";

    private final Jdbi jdbi;
    private final Clock clock;

    ToolCallLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A conversation's tool calls by the id of the reply that made them, in order. */
    public Map<Long, List<ToolCall>> forConversation(long conversationId) {
        Map<Long, List<ToolCall>> byMessage = new LinkedHashMap<>();
        for (ToolCall call : Reads.list(jdbi, FOR_CONVERSATION, CALLS, "conversation", conversationId)) {
            byMessage.computeIfAbsent(call.messageId(), id -> new ArrayList<>()).add(call);
        }
        return byMessage;
    }

    public List<ToolCall> forMessage(long messageId) {
        return Reads.list(jdbi, FOR_MESSAGE, CALLS, "message", messageId);
    }

    ToolCall start(long messageId, FunctionCall call, String label, String arguments, String status, String outcome,
                   int textOffset) {
        ToolCall row = new ToolCall(0, messageId, cut(call.callId(), 200), cut(label, 800),
                cut(arguments, MAX_ARGUMENTS), status, null, null, cut(outcome, MAX_OUTCOME), null, textOffset,
                clock.instant());
        return jdbi.withHandle(h -> {
            long id = h.createUpdate(INSERT).bindMethods(row).executeAndReturnGeneratedKeys("id").mapTo(Long.class)
                    .one();
            return h.createQuery(GET).bind("id", id).map(CALLS).one();
        });
    }

    ToolCall status(ToolCall call, String status, String outcome) {
        return save(call.with(status, null, null, cut(outcome, MAX_OUTCOME), null));
    }

    ToolCall finish(ToolCall call, ToolResult result) {
        return save(call.with(result.succeeded() ? ToolCall.SUCCEEDED : ToolCall.FAILED, result.status(),
                result.durationMs(), cut(result.outcome(), MAX_OUTCOME), cut(result.body(), MAX_RESULT)));
    }

    /** Before the server answers (plain JDBC): calls a stopped server left waiting or running are marked failed. */
    int abandon(Connection connection, String why) {
        return Jdbc.update(connection, ABANDON, why, clock.instant().atOffset(ZoneOffset.UTC));
    }

    private ToolCall save(ToolCall call) {
        jdbi.useHandle(h -> h.createUpdate(UPDATE).bindMethods(call).execute());
        return call;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
