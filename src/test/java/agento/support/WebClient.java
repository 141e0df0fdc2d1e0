package agento.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for integration tests: its own cookies, no redirect following, CSRF aware. */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final TestApp app;
    private final CookieManager cookies;
    private final HttpClient http;
    private String csrf;

    public WebClient(TestApp app) {
        this(app, new CookieManager());
    }

    private WebClient(TestApp app, CookieManager cookies) {
        this.app = app;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same browser (its cookies) talking to another server, as behind a load balancer. */
    public WebClient on(TestApp other) {
        return new WebClient(other, cookies);
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String location() {
            return header("Location");
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(app.url(path))).GET());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(path))).GET();
        headers.forEach(builder::header);
        return send(builder);
    }

    /** Goes where a redirect sends the browser (as it would: the #fragment stays in the browser). */
    public Response follow(Response redirect) {
        String location = redirect.location();
        if (location == null) {
            throw new IllegalStateException("not a redirect: " + redirect.status());
        }
        return get(location.replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", ""));
    }

    /** Posts a form with this session's CSRF token added. */
    public Response post(String path, Map<String, String> fields) {
        return postRaw(path, withToken(fields), Map.of());
    }

    /** Posts a form as htmx does: this session's CSRF token among the fields and the HX-Request header. */
    public Response htmxPost(String path, Map<String, String> fields) {
        return postRaw(path, withToken(fields), Map.of("HX-Request", "true"));
    }

    private Map<String, String> withToken(Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken());
        return withToken;
    }

    /** Posts exactly the given fields and headers (no token added). */
    public Response postRaw(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** Posts {@code body} as it is, with this Content-Type (and this session's CSRF token as a header). */
    public Response postBody(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(URI.create(app.url(path))).header("Content-Type", contentType)
                .header("X-CSRF-Token", csrfToken()).POST(body));
    }

    /** Any method, no body. */
    public Response request(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(app.url(path))).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Reads an event stream (as EventSource would) until what arrived so far satisfies {@code until} or it ends, then
     * closes it; returns what arrived.
     */
    public String readStream(String path, java.util.function.Predicate<String> until) {
        return readStream(path, until, seen -> { });
    }

    /** Reads an event stream until {@code until} holds, telling {@code onLine} what was seen after every line. */
    public String readStream(String path, java.util.function.Predicate<String> until,
                             java.util.function.Consumer<String> onLine) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url(path))).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build();
        StringBuilder seen = new StringBuilder();
        try (java.util.stream.Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            for (java.util.Iterator<String> it = lines.iterator(); it.hasNext() && !until.test(seen.toString()); ) {
                seen.append(it.next()).append('\n');
                onLine.accept(seen.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return seen.toString();
    }

    /** The CSRF token of the current session, read from a page when not yet known. */
    public String csrfToken() {
        if (csrf == null) {
            Response page = get("/");
            if (csrf == null && page.location() != null) {
                get(page.location().replaceFirst("^https?://[^/]+", ""));
            }
        }
        return csrf;
    }

    public Response signIn(String email, String password) {
        get("/login");
        Response response = post("/login", Map.of("email", email, "password", password));
        csrf = null;
        return response;
    }

    public String sessionId() {
        return cookie("AGENTO_SESSION");
    }

    /** The value of the cookie this browser keeps under {@code name}, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    public void forgetToken() {
        csrf = null;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> raw = http.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(raw.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Response(raw.statusCode(), raw.body(), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
