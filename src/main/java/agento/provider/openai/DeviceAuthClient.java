package agento.provider.openai;

import agento.common.Json;
import agento.common.OutboundHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * OpenAI's device authorization (what {@code codex login --device-auth} uses): ask for a code the person enters at
 * OpenAI, then poll until OpenAI hands over an authorization code and its PKCE verifier, which are exchanged at the
 * token endpoint like a popup sign-in's. Failures are {@link OAuthFailure}s; nothing here quotes a code or an id.
 */
public final class DeviceAuthClient {
    /** The provider code of the failure a 404 from {@code /usercode} stands for. */
    public static final String NOT_AVAILABLE = "device_auth_not_available";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_INTERVAL = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 64 * 1024;

    private final OutboundHttp http;
    private final DeviceAuthSettings settings;
    private final String clientId;

    public DeviceAuthClient(OutboundHttp http, DeviceAuthSettings settings, String clientId) {
        this.http = http;
        this.settings = settings;
        this.clientId = clientId;
    }

    /** A code to show: {@code deviceAuthId} stays on the server; poll every {@code interval}. */
    public record DeviceCode(String deviceAuthId, String userCode, Duration interval) {
        @Override
        public String toString() {
            return "DeviceCode[(hidden), interval=" + interval + "]";
        }
    }

    /** What OpenAI hands over once the person entered the code: exchange it at the token endpoint. */
    public record Grant(String authorizationCode, String codeVerifier) {
        @Override
        public String toString() {
            return "Grant[(hidden)]";
        }
    }

    public DeviceAuthSettings settings() {
        return settings;
    }

    /** POST {auth}/usercode {"client_id"}; a 404 means this client cannot sign in with a code ({@link #NOT_AVAILABLE}). */
    public DeviceCode requestCode() {
        OutboundHttp.Answer answer = post(settings.userCodeUrl(), Map.of("client_id", clientId));
        if (answer.status() == 404) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED, NOT_AVAILABLE, "Sign in with a code is not available");
        }
        JsonNode body = success(answer);
        String id = text(body, "device_auth_id");
        String userCode = text(body, "user_code") != null ? text(body, "user_code") : text(body, "usercode");
        if (id == null || userCode == null || !userCode.matches("[A-Za-z0-9-]{4,32}")) {
            throw OAuthFailure.transientFailure("invalid_response", "The sign-in service sent an unreadable code");
        }
        return new DeviceCode(id, userCode, interval(body.get("interval")));
    }

    /** POST {auth}/token {"device_auth_id","user_code"}: null while the person has not entered the code (403, 404). */
    public Grant poll(DeviceCode code) {
        OutboundHttp.Answer answer = post(settings.tokenUrl(),
                Map.of("device_auth_id", code.deviceAuthId(), "user_code", code.userCode()));
        if (answer.status() == 403 || answer.status() == 404) {
            return null;
        }
        JsonNode body = success(answer);
        String authorizationCode = text(body, "authorization_code");
        String verifier = text(body, "code_verifier");
        if (authorizationCode == null || verifier == null) {
            throw OAuthFailure.transientFailure("invalid_response", "The sign-in service sent an unreadable answer");
        }
        return new Grant(authorizationCode, verifier);
    }

    private OutboundHttp.Answer post(String url, Map<String, String> json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(json))).build();
            return http.send(request, TIMEOUT, MAX_BODY);
        } catch (OutboundHttp.Failure e) {
            throw OAuthFailure.transientFailure("unreachable", "The sign-in service could not be reached: "
                    + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode success(OutboundHttp.Answer answer) {
        if (answer.status() != 200) {
            throw OAuthFailure.fromResponse(answer.status(), answer.body());
        }
        try {
            JsonNode body = Json.mapper().readTree(answer.body());
            if (body != null && body.isObject() && !answer.truncated()) {
                return body;
            }
        } catch (java.io.IOException unreadable) {
            // reported below
        }
        throw OAuthFailure.transientFailure("invalid_response", "The sign-in service sent an unreadable answer");
    }

    /** Seconds, as a number or (as OpenAI sends it) a string; missing or odd values mean 5 s, at most a minute. */
    static Duration interval(JsonNode value) {
        long seconds;
        try {
            seconds = value == null ? -1 : value.isNumber() ? value.asLong() : Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1) {
            return DEFAULT_INTERVAL;
        }
        Duration interval = Duration.ofSeconds(seconds);
        return interval.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : interval;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
