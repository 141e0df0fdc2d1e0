package agento.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote HTTP API for connectors, on 127.0.0.1: it checks the credential where each route expects it, and can
 * refuse (401), redirect, hang, send a large body, or echo back what it was sent (credentials included).
 * <ul>
 *   <li>GET /v1/models: {@code Authorization: Bearer <key>} (OpenAI's list of models, or OpenAI's 401)</li>
 *   <li>GET /query/models: {@code ?api_key=<key>}</li>
 *   <li>GET /basic/me: Basic {@code user:password}; GET /bearer/me: Bearer token</li>
 *   <li>any /echo...: 200 with the method, path, query, headers and body it got</li>
 *   <li>GET /redirect?to=URL: 302 to URL; GET /hang: no answer for a minute; GET /large?mb=N: N MB of JSON</li>
 *   <li>any /down: 503 with a JSON error</li>
 * </ul>
 */
public final class FakeRemoteApi extends LoopbackServer {
    static final List<String> MODEL_IDS = FakeOpenAiApi.MODEL_IDS;

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Map<String, String> basicUsers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Map<String, String> lastHeaders = Map.of();
    private volatile String lastQuery;
    private volatile String lastPath;
    private volatile String lastBody;

    public FakeRemoteApi() {
        super("fake-remote-api");
        start(this::route);
    }

    public FakeRemoteApi acceptKey(String key) {
        keys.add(key);
        return this;
    }

    public FakeRemoteApi acceptBasic(String user, String password) {
        basicUsers.put(user, password);
        return this;
    }

    /** Every request this fake received, on any path. */
    public int requestCount() {
        return requests.get();
    }

    /** The last request's header (lower-case name), or null. */
    public String lastHeader(String name) {
        return lastHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String lastQuery() {
        return lastQuery;
    }

    public String lastPath() {
        return lastPath;
    }

    public String lastBody() {
        return lastBody;
    }

    private void route(HttpExchange exchange) throws Exception {
        requests.incrementAndGet();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                String.join(",", values)));
        lastHeaders = headers;
        lastQuery = exchange.getRequestURI().getRawQuery();
        lastPath = exchange.getRequestURI().getRawPath();
        lastBody = body(exchange);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = params(lastQuery);
        String authorization = headers.getOrDefault("authorization", "");
        if (path.equals("/v1/models") || path.equals("/bearer/me")) {
            boolean ok = authorization.startsWith("Bearer ") && keys.contains(authorization.substring(7));
            answer(exchange, ok, path.equals("/bearer/me") ? Map.of("user", "bearer-user") : models());
        } else if (path.equals("/query/models")) {
            answer(exchange, keys.contains(query.getOrDefault("api_key", "")), models());
        } else if (path.equals("/basic/me")) {
            answer(exchange, basicOk(authorization), Map.of("user", "basic-user"));
        } else if (path.startsWith("/echo")) {
            sendJson(exchange, 200, Map.of("method", exchange.getRequestMethod(), "path", lastPath,
                    "query", lastQuery == null ? "" : lastQuery, "headers", headers, "body", lastBody));
        } else if (path.equals("/redirect")) {
            redirect(exchange, query.get("to"));
        } else if (path.equals("/down")) {
            sendJson(exchange, 503, Map.of("error", "the service is down for maintenance"));
        } else if (path.equals("/hang")) {
            pause(Duration.ofSeconds(60));
        } else if (path.equals("/large")) {
            large(exchange, Integer.parseInt(query.getOrDefault("mb", "6")));
        } else {
            sendJson(exchange, 404, Map.of("error", "no route " + path));
        }
    }

    private boolean basicOk(String authorization) {
        if (!authorization.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon >= 0 && pair.substring(colon + 1).equals(basicUsers.get(pair.substring(0, colon)));
    }

    private static void answer(HttpExchange exchange, boolean ok, Object body) throws Exception {
        if (ok) {
            sendJson(exchange, 200, body);
        } else {
            sendJson(exchange, 401, openAiError("Incorrect API key provided. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));
        }
    }

    private static Map<String, Object> models() {
        return Map.of("object", "list", "data", MODEL_IDS.stream().map(id -> Map.of("id", id, "object", "model",
                "owned_by", "openai")).toList());
    }

    /** A JSON array streamed in chunks (no Content-Length). */
    private static void large(HttpExchange exchange, int megabytes) throws Exception {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        byte[] item = "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\",".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write('[');
            for (long written = 0; written < megabytes * 1024L * 1024L; written += item.length) {
                out.write(item);
            }
            out.write("\"end\"]".getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException closedByTheClient) {
            // the client stopped reading at its cap: expected
        }
    }
}
