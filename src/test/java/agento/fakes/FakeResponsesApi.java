package agento.fakes;

import agento.fakes.FakeResponseStream.Ending;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * OpenAI's Responses endpoint on 127.0.0.1, for API keys (POST /v1/responses) and ChatGPT sign-ins
 * (POST /backend-api/codex/responses), checking what the real backends check and failing on demand with
 * their real error bodies. Replies stream word by word; requests are recorded.
 */
public final class FakeResponsesApi extends LoopbackServer {

    /** What to do instead of a normal reply, for the next N requests or all of them. */
    public enum Failure {
        INSUFFICIENT_QUOTA, RATE_LIMITED, USAGE_LIMIT_REACHED, SERVER_ERROR, OVERLOADED, CONTEXT_LENGTH_EXCEEDED,
        MODEL_NOT_SUPPORTED, UNAUTHORIZED, INVALID_REQUEST, STOP_EARLY, FAILED_MID_STREAM, ERROR_EVENT, INCOMPLETE,
        HANG_BEFORE_ANSWER, HANG_MID_STREAM
    }

    /** One request as received: lower-case header names, the JSON body (null when it was not JSON). */
    public record Received(String path, Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Failure failure;
    private volatile BiPredicate<String, String> chatGptTokens = (token, account) -> false;
    private volatile Function<String, String> reply = lastUserMessage -> "You said: " + lastUserMessage;
    private volatile Function<String, String> toolReply = output -> "Tool result: " + output;
    private final FakeToolCalls toolCalls = new FakeToolCalls();
    private volatile Duration delay = Duration.ofMillis(20);
    private volatile Duration think = Duration.ZERO;
    private volatile Duration retryAfter = Duration.ofMillis(100);
    private volatile boolean retryAfterHeader = true;
    private volatile Instant usageResetsAt = Instant.parse("2030-01-01T12:00:00Z");

    public FakeResponsesApi() {
        super("fake-responses-api");
        start(this::route);
    }

    /** http://127.0.0.1:port/v1 */
    public String baseUrl() { return origin() + "/v1"; }
    /** http://127.0.0.1:port/backend-api/codex */
    public String chatGptBaseUrl() { return origin() + "/backend-api/codex"; }

    public FakeResponsesApi acceptKey(String apiKey) { keys.add(apiKey); return this; }
    /** Decides (access token, ChatGPT-Account-Id) pairs on the ChatGPT base. */
    public FakeResponsesApi acceptChatGpt(BiPredicate<String, String> valid) { chatGptTokens = valid; return this; }
    /** The reply, from the last user message; default "You said: …". */
    public FakeResponsesApi replyWith(Function<String, String> value) { reply = value; return this; }
    /** Answer the next request that offers tools with a call of {@code name} (arguments: JSON text). */
    public FakeResponsesApi callTool(String name, String arguments) { return callTool(name, arguments, ""); }
    /** As {@link #callTool(String, String)}, saying {@code text} first. */
    public FakeResponsesApi callTool(String name, String arguments, String text) {
        toolCalls.plan(new FakeToolCalls.Planned(name, arguments, text));
        return this;
    }
    /** Call {@code name} on every request that offers tools, until told tool_choice "none". */
    public FakeResponsesApi keepCallingTool(String name, String arguments) {
        toolCalls.always(new FakeToolCalls.Planned(name, arguments, ""));
        return this;
    }
    /** The reply after a function_call_output, from that output; default "Tool result: …". */
    public FakeResponsesApi replyToToolWith(Function<String, String> value) { toolReply = value; return this; }
    /** Pause after each delta; default 20 ms. */
    public FakeResponsesApi deltaDelay(Duration value) { delay = value; return this; }

    /** How long the model "thinks" between starting its response and its first token (none unless told). */
    public FakeResponsesApi thinkTime(Duration value) { think = value; return this; }
    /** RATE_LIMITED asks to wait this long; with the header off, only its message says so. */
    public FakeResponsesApi retryAfter(Duration value, boolean asHeader) {
        retryAfter = value;
        retryAfterHeader = asHeader;
        return this;
    }
    public FakeResponsesApi usageResetsAt(Instant value) { usageResetsAt = value; return this; }

    /** Fail the next {@code times} requests this way, then answer normally. */
    public FakeResponsesApi failNext(Failure value, int times) {
        failure = value;
        failuresLeft.set(times);
        return this;
    }

    public FakeResponsesApi failAlways(Failure value) { return failNext(value, Integer.MAX_VALUE); }

    /** Back to answering "You said: …" quickly, with no failure planned. */
    public FakeResponsesApi reset() {
        failNext(null, 0);
        reply = lastUserMessage -> "You said: " + lastUserMessage;
        toolReply = output -> "Tool result: " + output;
        toolCalls.reset();
        delay = Duration.ofMillis(20);
        think = Duration.ZERO;
        return this;
    }

    public List<Received> requests() { return List.copyOf(received); }
    public int requestCount() { return received.size(); }
    public Received lastRequest() { return received.get(received.size() - 1); }
    /** Streams whose connection the client closed before the fake finished writing. */
    public int streamsClosedByClient() { return closedByClient.get(); }
    /** Streams the fake wrote to their planned end. */
    public int streamsFinished() { return completed.get(); }

    /** Lets {@link FakeOpenAiApi} answer POST .../responses on its own port with this fake. */
    void handle(HttpExchange exchange) throws Exception {
        route(exchange);
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        boolean chatGpt = path.equals("/backend-api/codex/responses");
        if (!exchange.getRequestMethod().equals("POST") || !(chatGpt || path.equals("/v1/responses"))) {
            sendJson(exchange, 404, openAiError("Invalid URL (" + exchange.getRequestMethod() + " " + path + ")",
                    "invalid_request_error", null));
            return;
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        JsonNode body = readJson(body(exchange));
        received.add(new Received(path, headers, body));
        if (!FakeResponsesChecks.authorized(exchange, chatGpt, keys, chatGptTokens)
                || !FakeResponsesChecks.validBody(exchange, chatGpt, body)) {
            return;
        }
        Failure now = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failure : null;
        if (now == null || !answerWithError(exchange, now, body.path("model").asText())) {
            stream(exchange, body, now);
        }
    }

    private boolean answerWithError(HttpExchange exchange, Failure now, String model) throws Exception {
        switch (now) {
            case INSUFFICIENT_QUOTA -> sendJson(exchange, 429, openAiError("You exceeded your current quota, please "
                    + "check your plan and billing details. For more information on this error, read the docs: "
                    + "https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
                    "insufficient_quota"));
            case RATE_LIMITED -> rateLimited(exchange, model);
            case USAGE_LIMIT_REACHED -> sendJson(exchange, 429, Map.of("error", Map.of("type", "usage_limit_reached",
                    "message", "The usage limit has been reached", "plan_type", "plus",
                    "resets_at", usageResetsAt.getEpochSecond(),
                    "resets_in_seconds", Math.max(0, Instant.now().until(usageResetsAt, ChronoUnit.SECONDS)))));
            case SERVER_ERROR -> sendJson(exchange, 500, openAiError("The server had an error while processing "
                    + "your request. Sorry about that!", "server_error", null));
            case OVERLOADED -> sendJson(exchange, 503, openAiError("The engine is currently overloaded, please try "
                    + "again later.", "server_error", null));
            case CONTEXT_LENGTH_EXCEEDED -> sendJson(exchange, 400, openAiError("Your input exceeds the context "
                    + "window of this model. Please adjust your input and try again.", "invalid_request_error",
                    "context_length_exceeded"));
            case MODEL_NOT_SUPPORTED -> sendJson(exchange, 400, Map.of("detail", "The '" + model
                    + "' model is not supported when using Codex with a ChatGPT account."));
            case UNAUTHORIZED -> sendJson(exchange, 401, openAiError("Your authentication token has expired. "
                    + "Please try signing in again.", "invalid_request_error", "token_expired"));
            case INVALID_REQUEST -> sendJson(exchange, 400, openAiError("Invalid value: 'input_image'. Supported "
                    + "values are: 'input_text' and 'output_text'.", "invalid_request_error", "invalid_value"));
            case HANG_BEFORE_ANSWER -> pause(Duration.ofMinutes(1));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void rateLimited(HttpExchange exchange, String model) throws IOException {
        long millis = retryAfter.toMillis();
        if (retryAfterHeader) {
            exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
            exchange.getResponseHeaders().set("Retry-After", Long.toString((millis + 999) / 1000));
        }
        String wait = millis < 1000 ? millis + "ms" : (millis / 1000.0) + "s";
        sendJson(exchange, 429, openAiError("Rate limit reached for " + model + " in organization org-fake on "
                + "tokens per min (TPM): Limit 30000, Used 30000, Requested 120. Please try again in " + wait
                + ". Visit https://platform.openai.com/account/rate-limits to learn more.", "tokens",
                "rate_limit_exceeded"));
    }

    private void stream(HttpExchange exchange, JsonNode body, Failure now) throws Exception {
        String lastUser = "";
        String toolOutput = null;
        long inputTokens = 0;
        for (JsonNode item : body.path("input")) {
            inputTokens += FakeResponseStream.words(item.path("content").asText()).size();
            lastUser = item.path("role").asText().equals("user") ? item.path("content").asText() : lastUser;
            toolOutput = item.path("type").asText().equals("function_call_output") ? item.path("output").asText() : null;
        }
        FakeToolCalls.Planned call = now == null ? toolCalls.next(body) : null;
        Ending ending = now == null ? Ending.COMPLETED : switch (now) {
            case STOP_EARLY -> Ending.STOP_EARLY;
            case FAILED_MID_STREAM -> Ending.FAILED;
            case ERROR_EVENT -> Ending.ERROR_EVENT;
            case INCOMPLETE -> Ending.INCOMPLETE;
            case HANG_MID_STREAM -> Ending.HANG;
            default -> throw new IllegalStateException("not a stream failure: " + now);
        };
        try {
            FakeResponseStream stream = new FakeResponseStream(exchange, body.path("model").asText(), think);
            if (call != null) {
                stream.writeFunctionCall(toolCalls.callId(), call, inputTokens, delay);
            } else {
                stream.write(toolOutput != null ? toolReply.apply(toolOutput) : reply.apply(lastUser), inputTokens,
                        delay, ending);
            }
            completed.incrementAndGet();
        } catch (IOException clientClosed) {
            closedByClient.incrementAndGet();
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }
}
