package agento.runtime.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function calls of one streamed response, in output order: announced by {@code response.output_item.added},
 * their arguments streamed by {@code response.function_call_arguments.delta}, settled by {@code .done} and
 * {@code response.output_item.done}. A call seen only in the completed response's {@code output} counts too.
 */
final class FunctionCalls {

    private static final class Pending {
        String callId;
        String name;
        final StringBuilder arguments = new StringBuilder();
        boolean settled;
    }

    private final Map<String, Pending> byItem = new LinkedHashMap<>();

    /** {@code response.output_item.added} or {@code .done}: a function_call item, maybe with its final arguments. */
    void item(JsonNode item, boolean done) {
        if (!"function_call".equals(item.path("type").asText())) {
            return;
        }
        Pending call = pending(itemId(item));
        call.callId = item.path("call_id").asText(call.callId);
        call.name = item.path("name").asText(call.name);
        if (done && item.path("arguments").isTextual()) {
            settle(call, item.path("arguments").asText());
        }
    }

    void argumentsDelta(String itemId, String delta) {
        Pending call = pending(itemId);
        if (!call.settled) {
            call.arguments.append(delta);
        }
    }

    void argumentsDone(String itemId, JsonNode arguments) {
        if (arguments.isTextual()) {
            settle(pending(itemId), arguments.asText());
        }
    }

    /** The calls, once the response completed ({@code output} fills in what the events left out). */
    List<FunctionCall> completed(JsonNode output) {
        for (JsonNode item : output) {
            if ("function_call".equals(item.path("type").asText()) && !byItem.containsKey(itemId(item))) {
                item(item, true);
            }
        }
        List<FunctionCall> calls = new ArrayList<>();
        byItem.values().stream().filter(c -> c.callId != null && c.name != null)
                .forEach(c -> calls.add(new FunctionCall(c.callId, c.name, c.arguments.toString())));
        return calls;
    }

    private Pending pending(String itemId) {
        return byItem.computeIfAbsent(itemId, id -> new Pending());
    }

    private static void settle(Pending call, String arguments) {
        call.arguments.setLength(0);
        call.arguments.append(arguments);
        call.settled = true;
    }

    private static String itemId(JsonNode item) {
        return item.path("id").asText(item.path("call_id").asText(""));
    }
}
