package agento.runtime.openai;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Follows the Responses event stream: hands each text delta to the listener, collects the function calls, and ends
 * on the first of {@code response.completed}, {@code response.incomplete}, {@code response.failed}, {@code error} or the end of
 * the stream, which without a completed event means the reply is incomplete.
 */
final class EventStream {


    private final ResponsesRequest request;
    private final Consumer<String> onDelta;
    private final Clock clock;
    private final StringBuilder text = new StringBuilder();
    private final FunctionCalls calls = new FunctionCalls();

    EventStream(ResponsesRequest request, Consumer<String> onDelta, Clock clock) {
        this.request = request;
        this.onDelta = onDelta;
        this.clock = clock;
    }

    /** The text received so far, also after the reader threw. */
    String text() {
        return text.toString();
    }

    ChatOutcome read(SseReader reader) throws IOException {
        for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
            if (event.data().equals("[DONE]")) {
                break;
            }
            JsonNode json = parse(event.data());
            JsonNode response = json.path("response");
            switch (json.path("type").asText(event.type())) {
                case "response.output_text.delta" -> delta(json.path("delta").asText(""));
                case "response.output_item.added" -> calls.item(json.path("item"), false);
                case "response.output_item.done" -> calls.item(json.path("item"), true);
                case "response.function_call_arguments.delta" ->
                        calls.argumentsDelta(json.path("item_id").asText(""), json.path("delta").asText(""));
                case "response.function_call_arguments.done" ->
                        calls.argumentsDone(json.path("item_id").asText(""), json.path("arguments"));
                case "response.completed" -> {
                    return new ChatOutcome.Completed(text(), usage(response.path("usage")),
                            calls.completed(response.path("output")));
                }
                case "response.incomplete" -> {
                    return new ChatOutcome.Incomplete(text(),
                            response.path("incomplete_details").path("reason").asText("ended_early"));
                }
                case "response.failed" -> {
                    return failed(ErrorBody.of(response, clock.instant()));
                }
                case "error" -> {
                    return failed(ErrorBody.of(json, clock.instant()));
                }
                default -> { }
            }
        }
        return new ChatOutcome.Incomplete(text(), "ended_early");
    }

    /** The stream broke off while reading: the watchdog's timeout, the person's Stop, or a lost connection. */
    ChatOutcome brokenOff(StreamWatchdog.Expiry expiry, boolean stopped) {
        if (expiry == StreamWatchdog.Expiry.IDLE) {
            return new ChatOutcome.Failed(text(), new ChatFailure.TimedOut("between two parts of the reply"));
        }
        if (expiry == StreamWatchdog.Expiry.DEADLINE) {
            return new ChatOutcome.Failed(text(), new ChatFailure.TimedOut("to finish the reply"));
        }
        return stopped ? new ChatOutcome.Stopped(text()) : new ChatOutcome.Incomplete(text(), "ended_early");
    }

    private void delta(String delta) {
        if (!delta.isEmpty()) {
            text.append(delta);
            onDelta.accept(delta);
        }
    }

    private ChatOutcome failed(ErrorBody error) {
        return new ChatOutcome.Failed(text(), FailureClassifier.streamError(error, request));
    }

    private static Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return Usage.UNKNOWN;
        }
        long input = usage.path("input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        return new Usage(input, output, usage.path("total_tokens").asLong(input + output));
    }

    // an event we cannot read is skipped like an unknown one: the outcome still needs a terminal event
    private static JsonNode parse(String data) {
        try {
            JsonNode json = Json.mapper().readTree(data);
            return json == null ? Json.mapper().missingNode() : json;
        } catch (IOException notJson) {
            return Json.mapper().missingNode();
        }
    }
}
