package agento.runtime.chat;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ToolCall.class)
interface ToolCallRepository {
    @SqlUpdate("INSERT INTO tool_calls (message_id, call_id, label, arguments, status, outcome, text_offset, created_at) "
            + "VALUES (:messageId, :callId, :label, :arguments, :status, :outcome, :textOffset, :createdAt)")
    @GetGeneratedKeys("id")
    long insert(@BindMethods ToolCall call);

    @SqlUpdate("UPDATE tool_calls SET status = :status, http_status = :httpStatus, duration_ms = :durationMs, "
            + "outcome = :outcome, result = :result WHERE id = :id")
    void update(@BindMethods ToolCall call);

    @SqlQuery("SELECT * FROM tool_calls WHERE id = :id")
    ToolCall get(@Bind("id") long id);

    @SqlQuery("SELECT t.* FROM tool_calls t JOIN messages m ON m.id = t.message_id "
            + "WHERE m.conversation_id = :conversation ORDER BY t.id")
    List<ToolCall> forConversation(@Bind("conversation") long conversationId);

    @SqlQuery("SELECT * FROM tool_calls WHERE message_id = :message ORDER BY id")
    List<ToolCall> forMessage(@Bind("message") long messageId);

    /** Calls left waiting or running by a server that stopped: they will never finish. */
    @SqlUpdate("UPDATE tool_calls SET status = 'failed', outcome = :why WHERE status IN ('asking', 'running') "
            + "AND created_at < :before")
    int abandon(@Bind("before") Instant before, @Bind("why") String why);
}
