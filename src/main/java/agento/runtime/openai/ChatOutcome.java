package agento.runtime.openai;

import java.util.List;

/** How a stream ended; {@link #text()} is everything received, a partial reply unless completed. */
public sealed interface ChatOutcome {

    String text();

    /** {@code calls}: the functions the model called; it waits for their outputs before it goes on. */
    record Completed(String text, Usage usage, List<FunctionCall> calls) implements ChatOutcome {
        public Completed {
            calls = List.copyOf(calls);
        }

        public Completed(String text, Usage usage) {
            this(text, usage, List.of());
        }
    }

    /**
     * The reply stopped early: {@code reason} is OpenAI's ("max_output_tokens", "content_filter") or ours
     * ("ended_early" when the stream closed before {@code response.completed}).
     */
    record Incomplete(String text, String reason) implements ChatOutcome {
        public String message() {
            return switch (reason) {
                case "max_output_tokens" -> "The reply was cut off at the model's output limit.";
                case "content_filter" -> "OpenAI's content filter stopped the reply.";
                default -> "The reply stopped before it was finished. Try again.";
            };
        }
    }

    record Failed(String text, ChatFailure failure) implements ChatOutcome {}

    /** The person pressed Stop. */
    record Stopped(String text) implements ChatOutcome {}

    /** The same ending with {@code newText}: a reply made of several responses (tool calls between) ends as the last. */
    default ChatOutcome withText(String newText) {
        if (this instanceof Completed c) {
            return new Completed(newText, c.usage(), c.calls());
        }
        if (this instanceof Incomplete i) {
            return new Incomplete(newText, i.reason());
        }
        if (this instanceof Failed f) {
            return new Failed(newText, f.failure());
        }
        return new Stopped(newText);
    }
}
