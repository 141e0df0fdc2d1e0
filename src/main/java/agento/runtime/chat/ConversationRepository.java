package agento.runtime.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Conversation.class)
@RegisterConstructorMapper(Message.class)
interface ConversationRepository {
    @SqlUpdate("INSERT INTO conversations (agent_id, channel, external_chat_id, title, created_at, updated_at) "
            + "VALUES (:agent, :channel, :chat, :title, :at, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("agent") long agentId, @Bind("channel") String channel, @Bind("chat") String externalChatId,
                @Bind("title") String title, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM conversations WHERE agent_id = :agent AND channel = :channel AND external_chat_id = :chat "
            + "ORDER BY id DESC LIMIT 1")
    Optional<Conversation> latestForChat(@Bind("agent") long agentId, @Bind("channel") String channel,
                                         @Bind("chat") String externalChatId);

    @SqlQuery("SELECT * FROM messages WHERE conversation_id = :conversation ORDER BY id")
    List<Message> messages(@Bind("conversation") long conversationId);

    /** Replies left streaming by a server that stopped: they will never finish. */
    @SqlUpdate("UPDATE messages SET status = 'incomplete', error = :error, finished_at = :at WHERE status = 'streaming' "
            + "AND created_at < :before")
    int abandonStreaming(@Bind("before") Instant before, @Bind("error") String error, @Bind("at") Instant at);
}
