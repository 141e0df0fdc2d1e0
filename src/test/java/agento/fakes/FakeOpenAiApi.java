package agento.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * The OpenAI REST API (GET /v1/models) and the ChatGPT backend for OAuth connections
 * (GET /backend-api/codex/models) on 127.0.0.1, with OpenAI's real error bodies.
 */
public final class FakeOpenAiApi extends LoopbackServer {

    public enum Mode { OK, QUOTA_EXCEEDED, RATE_LIMITED, SERVER_ERROR, SLOW }

    static final List<String> MODEL_IDS =
            List.of("gpt-5.2", "gpt-4.1", "gpt-4o-mini", "text-embedding-3-small", "whisper-1");
    static final List<String> CHATGPT_MODEL_SLUGS = List.of("gpt-5.2", "gpt-5.2-codex", "gpt-5.1-codex-mini");

    private final FakeResponsesApi responses = new FakeResponsesApi();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Set<String> restrictedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Map<String, List<String>> lastHeaders = Map.of();
    private volatile Mode mode = Mode.OK;
    private volatile Duration slowDelay = Duration.ofSeconds(15);
    private volatile BiPredicate<String, String> chatGptTokens = (token, account) -> false;

    public FakeOpenAiApi() {
        super("fake-openai-api");
        start(this::route);
    }

    /** ChatGPT backend calls are accepted for access tokens that this authorization server says are valid. */
    public FakeOpenAiApi(FakeOpenAiAuth auth) {
        this();
        acceptChatGptTokens(auth::isAccessTokenValid);
    }

    /** http://127.0.0.1:port/v1 */
    public String baseUrl() { return origin() + "/v1"; }
    /** http://127.0.0.1:port/backend-api/codex */
    public String chatGptBaseUrl() { return origin() + "/backend-api/codex"; }

    public FakeOpenAiApi acceptKey(String apiKey) { keys.add(apiKey); responses.acceptKey(apiKey); return this; }
    /** A known key that lacks api.model.read: 403. */
    public FakeOpenAiApi restrictKey(String apiKey) { restrictedKeys.add(apiKey); return this; }
    public FakeOpenAiApi mode(Mode value) { mode = value; return this; }
    /** How long Mode.SLOW stalls before answering. */
    public FakeOpenAiApi slowDelay(Duration value) { slowDelay = value; return this; }
    /** Decides (access token, ChatGPT-Account-Id) pairs for the ChatGPT backend. */
    public FakeOpenAiApi acceptChatGptTokens(BiPredicate<String, String> valid) {
        chatGptTokens = valid;
        responses.acceptChatGpt(valid);
        return this;
    }

    /** The Responses API (POST /v1/responses, /backend-api/codex/responses) this fake serves on the same port. */
    public FakeResponsesApi responses() { return responses; }

    /** Requests received for a path such as "/v1/models". */
    public int requestCount(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** The last request's header, by case-insensitive name, or null. */
    public String lastHeader(String name) {
        List<String> values = lastHeaders.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                List.copyOf(values)));
        lastHeaders = headers;
        if (path.endsWith("/responses")) {
            responses.handle(exchange);
            return;
        }
        Mode current = mode;
        if (current == Mode.SLOW) {
            pause(slowDelay);
        }
        if (current == Mode.SERVER_ERROR) {
            sendJson(exchange, 500, openAiError("The server had an error while processing your request. "
                    + "Sorry about that!", "server_error", null));
        } else if (path.equals("/v1/models") && exchange.getRequestMethod().equals("GET")) {
            apiModels(exchange, current);
        } else if (path.equals("/backend-api/codex/models") && exchange.getRequestMethod().equals("GET")) {
            chatGptModels(exchange, current);
        } else {
            sendJson(exchange, 404, openAiError("Invalid URL (" + exchange.getRequestMethod() + " " + path + ")",
                    "invalid_request_error", null));
        }
    }

    private void apiModels(HttpExchange exchange, Mode current) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            sendJson(exchange, 401, openAiError("You didn't provide an API key. You need to provide your API key "
                    + "in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as "
                    + "the password field (with blank username) if you're accessing the API from your browser and "
                    + "are prompted for a username and password. You can obtain an API key from "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null));
            return;
        }
        String key = authorization.substring("Bearer ".length());
        if (restrictedKeys.contains(key)) {
            sendJson(exchange, 403, openAiError("You have insufficient permissions for this operation. Missing "
                    + "scopes: api.model.read. Check that you have the correct role in your organization (Reader, "
                    + "Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that "
                    + "it has the necessary scopes.", "invalid_request_error", null));
        } else if (!keys.contains(key)) {
            sendJson(exchange, 401, openAiError("Incorrect API key provided: " + masked(key) + ". You can find "
                    + "your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error",
                    "invalid_api_key"));
        } else if (!limited(exchange, current)) {
            sendJson(exchange, 200, Map.of("object", "list", "data", MODEL_IDS.stream().map(id -> Map.of(
                    "id", id, "object", "model", "created", 1_700_000_000, "owned_by",
                    id.startsWith("gpt") ? "openai" : "system")).toList()));
        }
    }

    private void chatGptModels(HttpExchange exchange, Mode current) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String account = exchange.getRequestHeaders().getFirst("ChatGPT-Account-Id");
        boolean valid = authorization != null && authorization.startsWith("Bearer ") && account != null
                && chatGptTokens.test(authorization.substring("Bearer ".length()), account);
        if (!valid) {
            sendJson(exchange, 401, Map.of("detail", "Unauthorized"));
        } else if (!limited(exchange, current)) {
            sendJson(exchange, 200, Map.of("models", CHATGPT_MODEL_SLUGS.stream().map(slug -> Map.of(
                    "slug", slug, "display_name", slug.toUpperCase(Locale.ROOT), "visibility", "list")).toList()));
        }
    }

    /** Answers 429 when the mode says so. */
    private static boolean limited(HttpExchange exchange, Mode current) throws IOException {
        if (current == Mode.QUOTA_EXCEEDED) {
            sendJson(exchange, 429, openAiError("You exceeded your current quota, please check your plan and "
                    + "billing details. For more information on this error, read the docs: "
                    + "https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
                    "insufficient_quota"));
            return true;
        }
        if (current == Mode.RATE_LIMITED) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            sendJson(exchange, 429, openAiError("Rate limit reached for requests in organization org-fake on "
                    + "requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit "
                    + "https://platform.openai.com/account/rate-limits to learn more.", "requests",
                    "rate_limit_exceeded"));
            return true;
        }
        return false;
    }

    /** Like OpenAI: "sk-...abcd". */
    private static String masked(String key) {
        return key.length() <= 8 ? "sk-...": key.substring(0, 3) + "..." + key.substring(key.length() - 4);
    }

    @Override
    public void close() {
        responses.close();
        super.close();
    }
}
