package agento.runtime.openai;

/** How a stream ended; {@link #text()} is everything received, a partial reply unless completed. */
public sealed interface ChatOutcome {

    String text();

    record Completed(String text, Usage usage) implements ChatOutcome {}

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
}
