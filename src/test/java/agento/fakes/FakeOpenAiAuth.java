package agento.fakes;

import agento.fakes.IssuedGrants.Identity;
import agento.fakes.IssuedGrants.Minting;
import agento.fakes.IssuedGrants.Reply;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI's authorization server (auth.openai.com) on 127.0.0.1: consent page, token endpoint (authorization code
 * with PKCE S256, rotating refresh tokens) and RFC 7009 revocation. Configure with the fluent setters.
 */
public final class FakeOpenAiAuth extends LoopbackServer {

    public enum TokenFailure { NONE, SERVER_ERROR, INVALID_GRANT, SLOW }

    /** One call to the revocation endpoint, recorded whether or not it succeeded. */
    public record Revocation(String token, String tokenTypeHint, String clientId) {}

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private volatile String clientId = "app_agento_test";
    private volatile String redirectUri = "http://localhost:7070/oauth/openai/callback";
    private volatile String email = "ada@example.com";
    private volatile String accountId = "acct-7c1f2a9e";
    private volatile String planType = "plus";
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);
    private volatile String issuer;
    private volatile boolean issuerInCallback;
    private volatile boolean rotateRefreshTokens = true;
    private volatile boolean sendExpiresIn = true;
    private volatile Clock clock = Clock.systemUTC();
    private volatile TokenFailure tokenFailure = TokenFailure.NONE;
    private volatile Duration slowDelay = Duration.ofSeconds(15);
    private volatile boolean failRevocation;

    private final IssuedGrants grants = new IssuedGrants();
    private final FakeDeviceAuth device = new FakeDeviceAuth(grants);
    private volatile String deviceInterval = "5";
    private volatile boolean deviceAuthAvailable = true;
    private volatile boolean failDeviceAuth;
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> lastTokenRequest = Map.of();
    private final HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FakeOpenAiAuth() {
        super("fake-openai-auth");
        start(this::route);
    }

    public String authorizeUrl() { return origin() + "/oauth/authorize"; }
    public String tokenUrl() { return origin() + "/oauth/token"; }
    public String revokeUrl() { return origin() + "/oauth/revoke"; }
    public String issuer() { return issuer != null ? issuer : origin(); }
    /** Sign in with a code: {@code /usercode} and {@code /token} are under this. */
    public String deviceAuthUrl() { return origin() + "/api/accounts/deviceauth"; }
    public String deviceVerifyUrl() { return origin() + "/codex/device"; }
    public String deviceRedirectUri() { return origin() + "/deviceauth/callback"; }
    public String clientId() { return clientId; }
    public String redirectUri() { return redirectUri; }
    public String email() { return email; }
    public String accountId() { return accountId; }
    public String planType() { return planType; }

    public FakeOpenAiAuth clientId(String value) { clientId = value; return this; }
    public FakeOpenAiAuth redirectUri(String value) { redirectUri = value; return this; }
    public FakeOpenAiAuth email(String value) { email = value; return this; }
    public FakeOpenAiAuth accountId(String value) { accountId = value; return this; }
    public FakeOpenAiAuth planType(String value) { planType = value; return this; }
    public FakeOpenAiAuth accessTokenLifetime(Duration value) { accessTokenLifetime = value; return this; }
    /** The issuer in tokens and in the callback's iss (default: this server's origin). */
    public FakeOpenAiAuth issuer(String value) { issuer = value; return this; }
    /** Adds iss=<issuer> to the callback (RFC 9207). */
    public FakeOpenAiAuth issuerInCallback(boolean value) { issuerInCallback = value; return this; }
    /** false: refreshes answer without refresh_token and the old one stays valid. */
    public FakeOpenAiAuth rotateRefreshTokens(boolean value) { rotateRefreshTokens = value; return this; }
    /** false: token answers omit expires_in, leaving only the access token's exp claim. */
    public FakeOpenAiAuth sendExpiresIn(boolean value) { sendExpiresIn = value; return this; }
    public FakeOpenAiAuth clock(Clock value) { clock = value; return this; }
    public FakeOpenAiAuth failTokenEndpoint(TokenFailure value) { tokenFailure = value; return this; }
    /** How long TokenFailure.SLOW stalls before answering. */
    public FakeOpenAiAuth slowDelay(Duration value) { slowDelay = value; return this; }
    /** true: the revocation endpoint answers 503 (the call is still recorded). */
    public FakeOpenAiAuth failRevocation(boolean value) { failRevocation = value; return this; }
    /** The poll interval {@code /usercode} answers with, a string as OpenAI sends it (default "5"). */
    public FakeOpenAiAuth deviceInterval(String value) { deviceInterval = value; return this; }
    /** false: {@code /usercode} answers 404, as for a client that cannot sign in with a code. */
    public FakeOpenAiAuth deviceAuthAvailable(boolean value) { deviceAuthAvailable = value; return this; }
    /** true: both device endpoints answer 503. */
    public FakeOpenAiAuth failDeviceAuth(boolean value) { failDeviceAuth = value; return this; }

    /** The person enters {@code userCode} at OpenAI's device page and allows; false when no pending code has it. */
    public boolean enterCode(String userCode) {
        return device.enter(userCode, new Identity("auth0|" + Integer.toHexString(email.hashCode()), email, accountId,
                planType, clientId, "openid profile email offline_access", grants.randomToken("grant_")));
    }

    /** When each poll of {@code /token} for {@code userCode} arrived (on this server's clock). */
    public List<java.time.Instant> devicePolls(String userCode) { return device.polls(userCode); }

    public int tokenRequests(String grantType) {
        AtomicInteger count = tokenRequests.get(grantType);
        return count == null ? 0 : count.get();
    }

    public int refreshCount() { return tokenRequests("refresh_token"); }
    /** Successful refreshes of the sign-ins of this ChatGPT account. */
    public int refreshCount(String chatGptAccountId) { return grants.refreshes(chatGptAccountId); }
    public List<Revocation> revocations() { return List.copyOf(revocations); }
    /** The form parameters of the last token request. */
    public Map<String, String> lastTokenRequest() { return lastTokenRequest; }

    /** Issued by this server, not revoked, unexpired and for this ChatGPT account. */
    public boolean isAccessTokenValid(String accessToken, String chatGptAccountId) {
        return grants.isAccessTokenValid(accessToken, chatGptAccountId, clock.instant());
    }

    public void expireAccessTokens() { grants.expireAccessTokens(); }

    /** Opens the consent page like a browser, clicks Allow, and returns the callback URL (code and state). */
    public String approve(String authorizeUrl) { return decide(authorizeUrl, "allow"); }

    /** Opens the consent page like a browser, clicks Deny, and returns the callback URL (error and state). */
    public String deny(String authorizeUrl) { return decide(authorizeUrl, "deny"); }

    private String decide(String authorizeUrl, String decision) {
        try {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("authorize page answered " + page.statusCode() + ": " + page.body());
            }
            Map<String, String> form = new LinkedHashMap<>(params(URI.create(authorizeUrl).getRawQuery()));
            form.put("decision", decision);
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(origin()
                            + "/oauth/authorize/decision"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                    "decision answered " + answer.statusCode() + " without a redirect: " + answer.body()));
        } catch (IOException e) {
            throw new IllegalStateException("fake authorization server unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void route(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/oauth/authorize" -> {
                if (allow(exchange, method, "GET")) {
                    AuthorizePages.consent(exchange, params(exchange.getRequestURI().getRawQuery()), this);
                }
            }
            case "/oauth/authorize/decision" -> {
                if (allow(exchange, method, "POST")) {
                    decision(exchange, params(body(exchange)));
                }
            }
            case "/oauth/token" -> {
                if (allow(exchange, method, "POST")) {
                    token(exchange);
                }
            }
            case "/oauth/revoke" -> {
                if (allow(exchange, method, "POST")) {
                    revoke(exchange, params(body(exchange)));
                }
            }
            case "/api/accounts/deviceauth/usercode", "/api/accounts/deviceauth/token" -> {
                if (allow(exchange, method, "POST")) {
                    deviceAuth(exchange, path.endsWith("/usercode"));
                }
            }
            default -> sendJson(exchange, 404, Map.of("error", "not_found"));
        }
    }

    private static boolean allow(HttpExchange exchange, String method, String expected) throws IOException {
        if (method.equals(expected)) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", expected);
        send(exchange, 405, "text/plain", "method not allowed");
        return false;
    }

    /** Why an authorization request must be refused with an error page, or null. */
    String authorizeProblem(Map<String, String> params) {
        String method = params.get("code_challenge_method");
        if (!"code".equals(params.get("response_type"))) {
            return "response_type must be code.";
        }
        if (!clientId.equals(params.get("client_id"))) {
            return "Unknown client_id.";
        }
        if (!redirectUri.equals(params.get("redirect_uri"))) {
            return "redirect_uri is not registered for this client.";
        }
        if (method == null) {
            return "PKCE is required: send code_challenge with code_challenge_method=S256.";
        }
        if (!method.equals("S256")) {
            return "code_challenge_method " + method + " is not allowed; use S256.";
        }
        if (!params.getOrDefault("code_challenge", "").matches("[A-Za-z0-9_-]{43}")) {
            return "code_challenge must be a base64url SHA-256 digest.";
        }
        return null;
    }

    private void decision(HttpExchange exchange, Map<String, String> form) throws IOException {
        String problem = authorizeProblem(form);
        if (problem != null) {
            AuthorizePages.error(exchange, problem);
            return;
        }
        Map<String, String> callback = new LinkedHashMap<>();
        switch (form.getOrDefault("decision", "")) {
            case "allow" -> {
                String scope = form.getOrDefault("scope", "");
                Identity identity = new Identity("auth0|" + Integer.toHexString(email.hashCode()), email,
                        accountId, planType, clientId, scope, grants.randomToken("grant_"));
                callback.put("code", grants.newCode(identity, form.get("redirect_uri"), form.get("code_challenge"),
                        clock.instant().plus(CODE_LIFETIME)));
            }
            case "deny" -> {
                callback.put("error", "access_denied");
                callback.put("error_description", "The user denied the request.");
            }
            default -> {
                AuthorizePages.error(exchange, "Choose Allow or Deny.");
                return;
            }
        }
        if (form.get("state") != null) {
            callback.put("state", form.get("state"));
        }
        if (issuerInCallback) {
            callback.put("iss", issuer());
        }
        String target = form.get("redirect_uri");
        redirect(exchange, target + (target.contains("?") ? "&" : "?") + encode(callback));
    }

    private void token(HttpExchange exchange) throws Exception {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = params(body(exchange));
        String grantType = form.getOrDefault("grant_type", "");
        tokenRequests.computeIfAbsent(grantType, type -> new AtomicInteger()).incrementAndGet();
        lastTokenRequest = Map.copyOf(form);
        TokenFailure failure = tokenFailure;
        if (failure == TokenFailure.SLOW) {
            pause(slowDelay);
        }
        Reply reply;
        if (failure == TokenFailure.SERVER_ERROR) {
            reply = new Reply(500, Map.of("error", "server_error", "error_description", "Internal server error."));
        } else if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            reply = IssuedGrants.oauthError("invalid_request", "Send the request as a form.");
        } else if (!clientId.equals(form.get("client_id")) || form.containsKey("client_secret")) {
            reply = new Reply(401, Map.of("error", "invalid_client", "error_description", "Unknown public client."));
        } else if (grantType.equals("authorization_code")) {
            reply = grants.redeemCode(form.get("code"), form.get("redirect_uri"), form.get("code_verifier"),
                    minting());
        } else if (grantType.equals("refresh_token")) {
            reply = failure == TokenFailure.INVALID_GRANT
                    ? IssuedGrants.oauthError("invalid_grant", "The refresh token is invalid.")
                    : grants.refresh(form.get("refresh_token"), minting());
        } else {
            reply = IssuedGrants.oauthError("unsupported_grant_type", "Unsupported grant_type.");
        }
        sendJson(exchange, reply.status(), reply.body());
    }

    @SuppressWarnings("unchecked")
    private void deviceAuth(HttpExchange exchange, boolean userCode) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, Object> body;
        try {
            body = JSON.readValue(body(exchange), Map.class);
        } catch (IOException notJson) {
            body = null;
        }
        Reply reply;
        if (failDeviceAuth) {
            reply = new Reply(503, Map.of("error", "temporarily_unavailable"));
        } else if (contentType == null || !contentType.startsWith("application/json") || body == null) {
            reply = IssuedGrants.oauthError("invalid_request", "Send the request as JSON.");
        } else if (userCode) {
            reply = deviceAuthAvailable ? device.userCode(body, clientId, deviceInterval, clock.instant())
                    : new Reply(404, Map.of("error", "not_found"));
        } else {
            reply = device.token(body, deviceRedirectUri(), clock.instant());
        }
        sendJson(exchange, reply.status(), reply.body());
    }

    private Minting minting() {
        return new Minting(issuer(), accessTokenLifetime, rotateRefreshTokens, sendExpiresIn, clock.instant());
    }

    private void revoke(HttpExchange exchange, Map<String, String> form) throws IOException {
        revocations.add(new Revocation(form.get("token"), form.get("token_type_hint"), form.get("client_id")));
        if (failRevocation) {
            sendJson(exchange, 503, Map.of("error", "temporarily_unavailable"));
        } else if (!clientId.equals(form.get("client_id"))) {
            sendJson(exchange, 401, Map.of("error", "invalid_client"));
        } else {
            grants.revoke(form.get("token"));
            send(exchange, 200, "application/json", "");
        }
    }
}
