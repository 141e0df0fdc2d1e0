package agento.runtime.chat;

import agento.runtime.openai.FunctionCall;
import agento.runtime.toolbox.ToolResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The tool calls of replies, as the conversation shows them: kept as they start, are answered and finish. */
public final class ToolCallLog {
    static final int MAX_ARGUMENTS = 8000;
    static final int MAX_RESULT = 8000;
    static final int MAX_OUTCOME = 1000;

    private final Jdbi jdbi;
    private final Clock clock;

    ToolCallLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A conversation's tool calls by the id of the reply that made them, in order. */
    public Map<Long, List<ToolCall>> forConversation(long conversationId) {
        Map<Long, List<ToolCall>> byMessage = new LinkedHashMap<>();
        jdbi.withExtension(ToolCallRepository.class, r -> r.forConversation(conversationId))
                .forEach(c -> byMessage.computeIfAbsent(c.messageId(), id -> new java.util.ArrayList<>()).add(c));
        return byMessage;
    }

    public List<ToolCall> forMessage(long messageId) {
        return jdbi.withExtension(ToolCallRepository.class, r -> r.forMessage(messageId));
    }

    ToolCall start(long messageId, FunctionCall call, String label, String arguments, String status, String outcome,
                   int textOffset) {
        ToolCall row = new ToolCall(0, messageId, cut(call.callId(), 200), cut(label, 800),
                cut(arguments, MAX_ARGUMENTS), status, null, null, cut(outcome, MAX_OUTCOME), null, textOffset,
                clock.instant());
        long id = jdbi.withExtension(ToolCallRepository.class, r -> r.insert(row));
        return jdbi.withExtension(ToolCallRepository.class, r -> r.get(id));
    }

    ToolCall status(ToolCall call, String status, String outcome) {
        return save(call.with(status, null, null, cut(outcome, MAX_OUTCOME), null));
    }

    ToolCall finish(ToolCall call, ToolResult result) {
        return save(call.with(result.succeeded() ? ToolCall.SUCCEEDED : ToolCall.FAILED, result.status(),
                result.durationMs(), cut(result.outcome(), MAX_OUTCOME), cut(result.body(), MAX_RESULT)));
    }

    /** At start-up: calls a stopped server left waiting or running are marked failed. */
    int abandon(String why) {
        return jdbi.withExtension(ToolCallRepository.class, r -> r.abandon(clock.instant(), why));
    }

    private ToolCall save(ToolCall call) {
        jdbi.useExtension(ToolCallRepository.class, r -> r.update(call));
        return call;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
