package agento.runtime.openai;

import java.util.List;
import java.util.Objects;

/**
 * One streamed model call. {@code instructions} may be blank (left out for API keys, replaced by a default
 * for ChatGPT); {@code conversationId} becomes ChatGPT's session_id; {@code maxOutputTokens} may be null and
 * is only ever sent to the API-key backend.
 */
public record ResponsesRequest(ResponsesTarget target, String model, String instructions, List<InputItem> input,
        String conversationId, Integer maxOutputTokens) {

    public ResponsesRequest {
        Objects.requireNonNull(target, "target");
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
        this(target, model, instructions, input, conversationId, null);
    }
}
