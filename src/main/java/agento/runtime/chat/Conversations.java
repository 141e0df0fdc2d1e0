package agento.runtime.chat;

import agento.agents.Agent;
import agento.db.Reads;
import agento.runtime.openai.InputItem;
import agento.runtime.openai.Usage;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** An agent's conversations and their messages; every lookup is scoped to the agent. */
public final class Conversations {
    // Overview and every reply read this (the monthly token limit): a fluent read (see Reads)
    private static final String TOKENS_SINCE = "SELECT COALESCE(SUM(m.input_tokens + m.output_tokens), 0) FROM messages m "
            + "JOIN conversations c ON c.id = m.conversation_id WHERE c.agent_id = :agent AND m.created_at >= :since";
    /** What is sent upstream: the newest messages, at most this many and this many characters. */
    static final int HISTORY_MESSAGES = 40;
    static final int HISTORY_CHARS = 200_000;
    private static final int TITLE = 60;

    private final Jdbi jdbi;
    private final Clock clock;

    public Conversations(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public List<Conversation> recentWeb(Agent agent) {
        return jdbi.withExtension(ConversationRepository.class, r -> r.recent(agent.id(), Conversation.WEB, 30));
    }

    public Optional<Conversation> find(Agent agent, long conversationId) {
        return jdbi.withExtension(ConversationRepository.class, r -> r.find(agent.id(), conversationId));
    }

    /** The latest conversation of a Telegram chat (or another external chat), if any. */
    public Optional<Conversation> latestForChat(Agent agent, String channel, String externalChatId) {
        return jdbi.withExtension(ConversationRepository.class,
                r -> r.latestForChat(agent.id(), channel, externalChatId));
    }

    public Conversation create(Agent agent, String channel, String externalChatId, String title) {
        long id = jdbi.withExtension(ConversationRepository.class,
                r -> r.insert(agent.id(), channel, externalChatId, title(title), clock.instant()));
        return find(agent, id).orElseThrow();
    }

    public List<Message> messages(Conversation conversation) {
        return jdbi.withExtension(ConversationRepository.class, r -> r.messages(conversation.id()));
    }

    public Optional<Message> message(Agent agent, long messageId) {
        return jdbi.withExtension(ConversationRepository.class, r -> r.message(agent.id(), messageId));
    }

    /** Stores what the person wrote and an empty reply that is streaming; returns the reply's id. */
    long startExchange(Conversation conversation, String text, String model) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            ConversationRepository repo = h.attach(ConversationRepository.class);
            repo.insertMessage(conversation.id(), Message.USER, text, Message.COMPLETE, null, now, now);
            repo.touch(conversation.id(), now);
            return repo.insertMessage(conversation.id(), Message.ASSISTANT, "", Message.STREAMING, model, now, null);
        });
    }

    void finishReply(long messageId, String text, String status, String error, Usage usage) {
        jdbi.useExtension(ConversationRepository.class, r -> r.finish(messageId, text, status, error,
                usage.inputTokens(), usage.outputTokens(), clock.instant()));
    }

    /**
     * The conversation up to (not including) the reply {@code replyId}, as model input: the newest messages that fit
     * the bounds, oldest first; failed and empty replies are left out.
     */
    List<InputItem> history(Conversation conversation, long replyId) {
        List<Message> newest = jdbi.withExtension(ConversationRepository.class,
                r -> r.latestMessages(conversation.id(), HISTORY_MESSAGES + 1));
        List<InputItem> items = new ArrayList<>();
        int chars = 0;
        for (Message m : newest) {
            if (m.id() >= replyId || m.content().isBlank() || Message.FAILED.equals(m.status())) {
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
        Instant since = YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return Reads.column(jdbi, TOKENS_SINCE, Long.class, "agent", agent.id(), "since", since).get(0);
    }

    /** At start-up: replies a stopped server left streaming are marked incomplete. */
    public int abandonUnfinished(String reason) {
        Instant now = clock.instant();
        return jdbi.withExtension(ConversationRepository.class, r -> r.abandonStreaming(now, reason, now));
    }

    private static String title(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "New conversation";
        }
        return line.codePointCount(0, line.length()) <= TITLE ? line
                : line.substring(0, line.offsetByCodePoints(0, TITLE)) + "\u2026";
    }
}
