package agento.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes one Responses API event stream the way OpenAI does: created, text deltas word by word, completed. */
final class FakeResponseStream {

    /** How the stream ends. */
    enum Ending { COMPLETED, STOP_EARLY, FAILED, ERROR_EVENT, INCOMPLETE, HANG }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final String model;
    private final Duration think;
    private int sequence;

    FakeResponseStream(HttpExchange exchange, String model, Duration think) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        this.out = exchange.getResponseBody();
        this.model = model;
        this.think = think;
    }

    /** "Hello big world" → "Hello ", "big ", "world". */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.split("(?<= )")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    void write(String text, long inputTokens, Duration delay, Ending ending) throws IOException, InterruptedException {
        List<String> words = words(text);
        event("response.created", Map.of("response", response("in_progress", "", null)));
        if (!think.isZero()) {
            Thread.sleep(think.toMillis());
        }
        int sent = ending == Ending.COMPLETED || ending == Ending.INCOMPLETE ? words.size() : (words.size() + 1) / 2;
        for (String word : words.subList(0, sent)) {
            event("response.output_text.delta", Map.of("item_id", "msg_fake", "output_index", 0,
                    "content_index", 0, "delta", word));
            Thread.sleep(delay.toMillis());
        }
        String said = String.join("", words.subList(0, sent));
        Map<String, Object> usage = Map.of("input_tokens", inputTokens, "output_tokens", sent,
                "total_tokens", inputTokens + sent);
        switch (ending) {
            case COMPLETED -> {
                event("response.output_text.done", Map.of("item_id", "msg_fake", "text", said));
                event("response.completed", Map.of("response", response("completed", said, usage)));
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            case INCOMPLETE -> {
                Map<String, Object> response = response("incomplete", said, usage);
                response.put("incomplete_details", Map.of("reason", "max_output_tokens"));
                event("response.incomplete", Map.of("response", response));
            }
            case FAILED -> {
                Map<String, Object> response = response("failed", said, null);
                response.put("error", Map.of("code", "server_error",
                        "message", "The model failed to generate a response."));
                event("response.failed", Map.of("response", response));
            }
            case ERROR_EVENT -> event("error", Map.of("code", "server_error",
                    "message", "An error occurred while processing your request."));
            case HANG -> Thread.sleep(Duration.ofMinutes(1).toMillis());
            case STOP_EARLY -> { }
        }
    }

    /**
     * A function call as OpenAI streams it: the item added, its arguments in pieces, the item done, completed with
     * the call in {@code output}. Text said before it comes first, as its own message item.
     */
    void writeFunctionCall(String callId, FakeToolCalls.Planned call, long inputTokens, Duration delay)
            throws IOException, InterruptedException {
        event("response.created", Map.of("response", response("in_progress", "", null)));
        if (!think.isZero()) {
            Thread.sleep(think.toMillis());
        }
        int index = 0;
        for (String word : words(call.saying())) {
            event("response.output_text.delta", Map.of("item_id", "msg_fake", "output_index", 0, "content_index", 0,
                    "delta", word));
            Thread.sleep(delay.toMillis());
            index = 1;
        }
        String itemId = "fc_" + callId;
        Map<String, Object> item = new LinkedHashMap<>(Map.of("type", "function_call", "id", itemId,
                "call_id", callId, "name", call.name(), "arguments", "", "status", "in_progress"));
        event("response.output_item.added", Map.of("output_index", index, "item", item));
        String arguments = call.arguments();
        for (int at = 0; at < arguments.length(); at += 7) {
            event("response.function_call_arguments.delta", Map.of("item_id", itemId, "output_index", index,
                    "delta", arguments.substring(at, Math.min(arguments.length(), at + 7))));
        }
        event("response.function_call_arguments.done", Map.of("item_id", itemId, "output_index", index,
                "arguments", arguments));
        item.put("arguments", arguments);
        item.put("status", "completed");
        event("response.output_item.done", Map.of("output_index", index, "item", item));
        Map<String, Object> response = response("completed", call.saying(), Map.of("input_tokens", inputTokens,
                "output_tokens", 10, "total_tokens", inputTokens + 10));
        List<Object> output = new ArrayList<>((List<?>) response.get("output"));
        output.add(item);
        response.put("output", output);
        event("response.completed", Map.of("response", response));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private Map<String, Object> response(String status, String text, Map<String, Object> usage) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", "resp_fake");
        response.put("object", "response");
        response.put("status", status);
        response.put("model", model);
        response.put("output", text.isEmpty() ? List.of() : List.of(Map.of("type", "message", "id", "msg_fake",
                "role", "assistant", "content", List.of(Map.of("type", "output_text", "text", text)))));
        response.put("usage", usage);
        return response;
    }

    private void event(String type, Map<String, Object> fields) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("sequence_number", sequence++);
        data.putAll(fields);
        out.write(("event: " + type + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
