package agento.runtime.web;

import agento.common.Json;
import agento.runtime.chat.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call as the conversation shows it: the action's name, the inputs (or what the model sent, when it did not
 * fit the schema), status, time, and the result to unfold. All of it is untrusted text, shown with th:text.
 */
public record ToolCallView(long id, long messageId, String label, List<Map.Entry<String, String>> inputs,
                           String sent, String status, Integer httpStatus, Long durationMs, String outcome,
                           String result) {

    static ToolCallView of(ToolCall call) {
        List<Map.Entry<String, String>> inputs = inputs(call.arguments());
        return new ToolCallView(call.id(), call.messageId(), call.label(), inputs == null ? List.of() : inputs,
                inputs == null ? call.arguments() : null, call.status(), call.httpStatus(), call.durationMs(),
                call.outcome(), call.result());
    }

    public boolean asking() {
        return ToolCall.ASKING.equals(status);
    }

    public String statusText() {
        return switch (status) {
            case ToolCall.ASKING -> "Waiting for you";
            case ToolCall.RUNNING -> "Running\u2026";
            case ToolCall.SUCCEEDED -> "Called";
            case ToolCall.FAILED -> "Failed";
            case ToolCall.DENIED -> "Not run";
            default -> "Refused";
        };
    }

    /** The inputs of a JSON object of strings, or null when {@code arguments} is something else. */
    private static List<Map.Entry<String, String>> inputs(String arguments) {
        try {
            JsonNode node = Json.mapper().readTree(arguments);
            if (node == null || !node.isObject()) {
                return null;
            }
            List<Map.Entry<String, String>> inputs = new ArrayList<>();
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (!field.getValue().isTextual()) {
                    return null;
                }
                inputs.add(new AbstractMap.SimpleImmutableEntry<>(field.getKey(), field.getValue().asText()));
            }
            return inputs;
        } catch (Exception notJson) {
            return null;
        }
    }
}
