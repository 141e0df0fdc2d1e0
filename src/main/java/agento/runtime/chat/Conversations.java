package agento.runtime.chat;

import agento.agents.Agent;
import agento.db.Jdbc;
import agento.db.Reads;
import agento.runtime.openai.InputItem;
import agento.runtime.openai.Usage;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** An agent's conversations and their messages; every lookup is scoped to the agent. */
public final class Conversations {
    /** What is sent upstream: the newest messages, at most this many and this many characters. */
    static final int HISTORY_MESSAGES = 40;
    static final int HISTORY_CHARS = 200_000;
    private static final int TITLE = 60;
    /** The title of a conversation without messages yet; its first message gives it one. */
    public static final String UNTITLED = "New conversation";
    // Chat's Send, its stream and the Chat tab use these on every request: fluent, not a SQL Object (see Reads)
    private static final RowMapper<Conversation> CONVERSATIONS = Reads.rowsOf(Conversation.class);
    private static final RowMapper<Message> MESSAGES = Reads.rowsOf(Message.class);
    private static final String FIND = "SELECT * FROM conversations WHERE id = :id AND agent_id = :agent";
    /** Ordered as the index conversations_recent, equal columns included: H2 then reads no more than the limit. */
    static final String RECENT = "SELECT * FROM conversations WHERE agent_id = :agent AND channel = :channel "
            + "ORDER BY agent_id, channel, updated_at DESC, id DESC LIMIT :limit";
    /** Ordered as the index conversations_chat, equal columns included (as RECENT). */
    static final String LATEST_FOR_CHAT = "SELECT * FROM conversations WHERE agent_id = :agent "
            + "AND channel = :channel AND external_chat_id = :chat "
            + "ORDER BY agent_id, channel, external_chat_id, id DESC LIMIT 1";
    private static final String TOUCH = "UPDATE conversations SET updated_at = :at WHERE id = :id";
    /** Run only for an untitled conversation: a titled one need not ask, with each Send, whether it has messages. */
    private static final String TITLE_FROM_FIRST = "UPDATE conversations SET title = :title WHERE id = :id "
            + "AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = :id)";
    private static final String INSERT_CONVERSATION = "INSERT INTO conversations (agent_id, channel, external_chat_id, "
            + "title, created_at, updated_at) VALUES (:agent, :channel, :chat, :title, :at, :at)";
    private static final String ALL_MESSAGES = "SELECT * FROM messages WHERE conversation_id = :conversation ORDER BY id";
    /** Replies left streaming by a server that stopped: they will never finish. */
    private static final String ABANDON_STREAMING = "UPDATE messages SET status = 'incomplete', error = ?, "
            + "finished_at = ? WHERE status = 'streaming' AND created_at < ?";
    private static final String MESSAGE = "SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            + "WHERE m.id = :id AND c.agent_id = :agent";
    private static final String NEWEST_UP_TO = "SELECT * FROM messages WHERE conversation_id = :conversation "
            + "AND id <= :last ORDER BY id DESC LIMIT :limit";
    private static final String FINISH = "UPDATE messages SET content = :content, status = :status, error = :error, "
            + "input_tokens = :input, output_tokens = :output, finished_at = :at WHERE id = :id";
    private static final String INSERT_MESSAGE = "INSERT INTO messages (conversation_id, role, content, status, model, "
            + "created_at, finished_at) VALUES (:conversation, :role, :content, :status, :model, :at, :finished)";

    private final Jdbi jdbi;
    private final Clock clock;

    public Conversations(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public List<Conversation> recentWeb(Agent agent) {
        return recentWeb(agent, 30);
    }

    /** Whether {@code conversation} is first in the agent's web conversation list (recentWeb) now. */
    public boolean isNewestWeb(Agent agent, Conversation conversation) {
        return recentWeb(agent, 1).stream().anyMatch(newest -> newest.id() == conversation.id());
    }

    private List<Conversation> recentWeb(Agent agent, int limit) {
        return Reads.list(jdbi, RECENT, CONVERSATIONS, "agent", agent.id(), "channel", Conversation.WEB, "limit", limit);
    }

    public Optional<Conversation> find(Agent agent, long conversationId) {
        return Reads.one(jdbi, FIND, CONVERSATIONS, "agent", agent.id(), "id", conversationId);
    }

    /** The latest conversation of a Telegram chat (or another external chat), if any. */
    public Optional<Conversation> latestForChat(Agent agent, String channel, String externalChatId) {
        return Reads.one(jdbi, LATEST_FOR_CHAT, CONVERSATIONS, "agent", agent.id(), "channel", channel, "chat",
                externalChatId);
    }

    public Conversation create(Agent agent, String channel, String externalChatId, String title) {
        String shown = title(title);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS); // as both databases keep it: no reading back
        long id = jdbi.withHandle(h -> h.createUpdate(INSERT_CONVERSATION).bind("agent", agent.id())
                .bind("channel", channel).bind("chat", externalChatId).bind("title", shown)
                .bind("at", at).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Conversation(id, agent.id(), channel, externalChatId, shown, at, at);
    }

    public List<Message> messages(Conversation conversation) {
        return Reads.list(jdbi, ALL_MESSAGES, MESSAGES, "conversation", conversation.id());
    }

    public Optional<Message> message(Agent agent, long messageId) {
        return Reads.one(jdbi, MESSAGE, MESSAGES, "agent", agent.id(), "id", messageId);
    }

    /** What Send shows: the reply {@code replyId} and the person's message before it, oldest first. */
    public List<Message> exchange(Conversation conversation, long replyId) {
        List<Message> newestFirst = new ArrayList<>(newestUpTo(conversation, replyId, 2));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** At most {@code limit} messages of the conversation with ids up to {@code lastId}, newest first. */
    private List<Message> newestUpTo(Conversation conversation, long lastId, int limit) {
        return Reads.list(jdbi, NEWEST_UP_TO, MESSAGES, "conversation", conversation.id(), "last", lastId,
                "limit", limit);
    }

    /** Stores what the person wrote and an empty reply that is streaming; returns the reply's id. */
    long startExchange(Conversation conversation, String text, String model) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (UNTITLED.equals(conversation.title())) { // started empty (New conversation): named after its first
                h.createUpdate(TITLE_FROM_FIRST).bind("title", title(text)).bind("id", conversation.id()).execute();
            }
            insertMessage(h, conversation.id(), Message.USER, text, Message.COMPLETE, null, now, now);
            h.createUpdate(TOUCH).bind("at", now).bind("id", conversation.id()).execute();
            return insertMessage(h, conversation.id(), Message.ASSISTANT, "", Message.STREAMING, model, now, null);
        });
    }

    private static long insertMessage(Handle h, long conversationId, String role, String content, String status,
                                      String model, Instant at, Instant finishedAt) {
        return h.createUpdate(INSERT_MESSAGE).bind("conversation", conversationId).bind("role", role)
                .bind("content", content).bind("status", status).bind("model", model).bind("at", at)
                .bind("finished", finishedAt).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void finishReply(long messageId, String text, String status, String error, Usage usage) {
        long tokens = usage.inputTokens() + usage.outputTokens();
        jdbi.useTransaction(h -> {
            // the agent's row first, as deleting an agent takes it before its messages: no deadlock between them
            MonthlyTokens.Month month = tokens > 0 ? MonthlyTokens.lockFor(h, messageId) : null;
            h.createUpdate(FINISH).bind("id", messageId).bind("content", text).bind("status", status)
                    .bind("error", error).bind("input", usage.inputTokens()).bind("output", usage.outputTokens())
                    .bind("at", clock.instant()).execute();
            if (month != null) {
                MonthlyTokens.add(h, month, tokens);
            }
        });
    }

    /**
     * The conversation up to (not including) the reply {@code replyId}, as model input: the newest messages that fit
     * the bounds, oldest first; failed and empty replies are left out.
     */
    List<InputItem> history(Conversation conversation, long replyId) {
        List<InputItem> items = new ArrayList<>();
        int chars = 0;
        for (Message m : newestUpTo(conversation, replyId - 1, HISTORY_MESSAGES)) {
            if (m.content().isBlank() || Message.FAILED.equals(m.status())) {
                continue;
            }
            chars += m.content().length();
            if (chars > HISTORY_CHARS && !items.isEmpty()) {
                break;
            }
            items.add(m.isUser() ? InputItem.user(m.content()) : InputItem.assistant(m.content()));
        }
        Collections.reverse(items);
        return items;
    }

    /** Tokens the agent used since the start of this calendar month (UTC). */
    public long tokensThisMonth(Agent agent) {
        return MonthlyTokens.used(jdbi, agent.id(), YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** Before the server answers (plain JDBC): replies a stopped server left streaming are marked incomplete. */
    int abandonUnfinished(Connection connection, String reason) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return Jdbc.update(connection, ABANDON_STREAMING, reason, now, now);
    }

    private static String title(String text) {
        // NUL as every bound text has it (PlainArguments): the returned row is what is stored
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ").replace('\0', '\uFFFD');
        if (line.isEmpty()) {
            return UNTITLED;
        }
        return line.codePointCount(0, line.length()) <= TITLE ? line
                : line.substring(0, line.offsetByCodePoints(0, TITLE)) + "\u2026";
    }
}
