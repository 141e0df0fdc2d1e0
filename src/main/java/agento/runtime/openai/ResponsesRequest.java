package agento.runtime.openai;

import java.util.List;
import java.util.Objects;

/**
 * One streamed model call. {@code instructions} may be blank (left out for API keys, replaced by a default
 * for ChatGPT); {@code conversationId} becomes ChatGPT's session_id; {@code options} carry the output cap and the
 * tools offered.
 */
public record ResponsesRequest(ResponsesTarget target, String model, String instructions, List<InputItem> input,
        String conversationId, Options options) {

    /**
     * {@code maxOutputTokens} may be null and is only ever sent to the API-key backend; {@code tools} are offered
     * with {@code tool_choice} "auto", or "none" when {@code mayCallTools} is false (the reply must end in text).
     */
    public record Options(Integer maxOutputTokens, List<ToolSpec> tools, boolean mayCallTools) {
        public static final Options NONE = new Options(null, List.of(), false);

        public Options {
            tools = List.copyOf(tools);
        }

        public static Options maxOutputTokens(int tokens) {
            return new Options(tokens, List.of(), false);
        }

        public static Options tools(List<ToolSpec> tools, boolean mayCall) {
            return new Options(null, tools, mayCall);
        }
    }

    public ResponsesRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        input = List.copyOf(input);
        if (input.isEmpty()) {
            throw new IllegalArgumentException("input needs at least one item");
        }
    }

    public ResponsesRequest(ResponsesTarget target, String model, String instructions, List<InputItem> input,
            String conversationId) {
        this(target, model, instructions, input, conversationId, Options.NONE);
    }
}
