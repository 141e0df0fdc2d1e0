package agento.runtime.chat;

import agento.agents.Agent;
import agento.common.InvalidInputException;
import agento.runtime.openai.Usage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a person's message to the agent's model: checks that the agent runs and has tokens left this month, stores
 * the message, and writes the reply on a worker thread while browsers watch it stream ({@link Generation}); a tool
 * call that needs the person's Allow waits for {@link #answer}.
 */
public final class ChatRelay {
    public static final int MAX_MESSAGE = 32_000;
    /** How long a form posted without JavaScript waits for the reply (or its question) before the page comes back. */
    static final Duration MAX_WAIT = ToolLoop.APPROVAL_WAIT.plusMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ChatRelay.class);

    private final Conversations conversations;
    private final ReplyWriter writer;
    private final ExecutorService workers;
    private final Map<Long, Generation> active = new ConcurrentHashMap<>();

    ChatRelay(Conversations conversations, ReplyWriter writer, ExecutorService workers) {
        this.conversations = conversations;
        this.writer = writer;
        this.workers = workers;
    }

    /** A message stored and its reply started, in {@code conversation}. */
    public record Sent(Conversation conversation, long replyId) {}

    /**
     * Stores {@code text} and starts the reply, in the conversation {@code conversationOnceAccepted} gives once the
     * message is accepted (a refused message starts no conversation). With {@code wait}, returns once the reply is
     * finished or asks to Allow a tool call (a form posted without JavaScript gets the whole reply back).
     *
     * @throws AgentStoppedException when the agent is not running (nothing is stored or sent)
     * @throws InvalidInputException ("message") for an empty or too long message, or when the monthly limit is used up
     */
    public Sent send(Agent agent, Supplier<Conversation> conversationOnceAccepted, String text, boolean wait) {
        if (!agent.isRunning()) {
            throw new AgentStoppedException();
        }
        String message = text == null ? "" : text.strip();
        if (message.isEmpty()) {
            throw new InvalidInputException("message", "Type a message first.");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", "Messages can be at most " + MAX_MESSAGE + " characters long.");
        }
        if (agent.monthlyTokenLimit() != null) { // without a limit, what was used does not matter here
            TokenBudget budget = TokenBudget.of(agent, conversations.tokensThisMonth(agent));
            if (budget.exhausted()) {
                throw new InvalidInputException("message", budget.refusal());
            }
        }
        Conversation conversation = conversationOnceAccepted.get();
        long replyId = conversations.startExchange(conversation, message, agent.model());
        Generation generation = new Generation(replyId, agent.id(), conversation.id());
        active.put(replyId, generation);
        try {
            workers.submit(() -> {
                try {
                    writer.write(agent, conversation, generation);
                } catch (RuntimeException e) {
                    log.warn("chat reply {} for agent {} broke: {}", replyId, agent.id(), e.toString());
                    end(generation, "Something went wrong while writing the reply. Try again.");
                } finally {
                    active.remove(replyId);
                    generation.finish();
                }
            });
        } catch (RejectedExecutionException busy) {
            active.remove(replyId);
            end(generation, "Agento is writing too many replies at once. Try again in a moment.");
            generation.finish();
            return new Sent(conversation, replyId);
        }
        if (wait) {
            awaitSettled(generation);
        }
        return new Sent(conversation, replyId);
    }

    /**
     * Allow or Deny tool call {@code callId} of this agent's reply {@code messageId}; with {@code wait}, returns once
     * the reply finished or asks again. False when that call is not waiting for an answer.
     */
    public boolean answer(Agent agent, long messageId, long callId, boolean allow, boolean wait) {
        Generation generation = streaming(agent, messageId).orElse(null);
        if (generation == null || !generation.answer(callId, allow)) {
            return false;
        }
        if (wait) {
            awaitSettled(generation);
        }
        return true;
    }

    /** The reply in {@code conversation} that waits for Allow or Deny, if any (Telegram asks yes or no). */
    public Optional<Generation> asking(Conversation conversation) {
        return active.values().stream().filter(g -> g.conversationId() == conversation.id())
                .filter(g -> g.question().isPresent()).findFirst();
    }

    /** The reply while it is being written; empty once it is stored in full. */
    public Optional<Generation> streaming(long messageId) {
        return Optional.ofNullable(active.get(messageId));
    }

    /** This agent's reply {@code messageId} while it is being written; empty once stored, or another agent's. */
    public Optional<Generation> streaming(Agent agent, long messageId) {
        return streaming(messageId).filter(g -> g.agentId() == agent.id());
    }

    /** Stop generating, for this agent's reply {@code messageId}; false when it is not streaming. */
    public boolean stop(Agent agent, long messageId) {
        Optional<Generation> generation = streaming(agent, messageId);
        generation.ifPresent(Generation::stop);
        return generation.isPresent();
    }

    /** The agent was stopped: every reply it is writing stops too. */
    public void stopAll(Agent agent) {
        active.values().stream().filter(g -> g.agentId() == agent.id()).forEach(Generation::stop);
    }

    /** How many replies are streaming now (a figure for the bench). */
    public int streamingCount() {
        return active.size();
    }

    private void end(Generation generation, String error) {
        conversations.finishReply(generation.messageId(), "", Message.FAILED, error, Usage.UNKNOWN);
    }

    private static void awaitSettled(Generation generation) {
        try {
            generation.awaitSettled(MAX_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
