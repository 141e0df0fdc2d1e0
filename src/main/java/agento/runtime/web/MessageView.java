package agento.runtime.web;

import agento.agents.ModelLabel;
import agento.runtime.chat.Message;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A message as the chat shows it: the reply's Markdown already rendered safe and cut where its tool calls happened
 * ({@code parts}), its time, model and token usage.
 */
public record MessageView(long id, boolean user, String text, List<ReplyParts.Part> parts, String status,
                          String error, String time, String model, long inputTokens, long outputTokens) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static MessageView of(Message m, List<ReplyParts.Part> parts) {
        return new MessageView(m.id(), m.isUser(), m.content(), parts, m.status(), m.error(),
                TIME.format(m.finishedAt() != null ? m.finishedAt() : m.createdAt()),
                m.model() == null ? null : ModelLabel.of(m.model()), m.inputTokens(), m.outputTokens());
    }

    public boolean streaming() {
        return Message.STREAMING.equals(status);
    }

    public boolean failed() {
        return Message.FAILED.equals(status);
    }

    public String outcome() {
        switch (status) {
            case Message.STOPPED: return "Stopped";
            case Message.INCOMPLETE: return "Incomplete";
            default: return null;
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
