package agento.provider.openai;

import agento.common.Json;
import agento.common.OutboundHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks API keys and ChatGPT tokens against OpenAI's model listings, with bounded retries and time. */
public final class OpenAiApiClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiApiClient.class);
    private static final int MAX_RETRIES = 2;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_WAIT = Duration.ofSeconds(3);
    // a retry only makes sense if the attempt after the wait still has this long to run
    private static final Duration MIN_ATTEMPT = Duration.ofSeconds(1);

    private final String apiBase;
    private final String chatGptBase;
    private final Duration totalTimeout;
    private final OutboundHttp http;

    public OpenAiApiClient(String apiBaseUrl, String chatGptBaseUrl) {
        this(apiBaseUrl, chatGptBaseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT);
    }

    public OpenAiApiClient(OutboundHttp http, String apiBaseUrl, String chatGptBaseUrl) {
        this(http, apiBaseUrl, chatGptBaseUrl, DEFAULT_TOTAL_TIMEOUT);
    }

    /** The total timeout bounds a whole check, retries and waits included. */
    public OpenAiApiClient(String apiBaseUrl, String chatGptBaseUrl, Duration connectTimeout, Duration totalTimeout) {
        this(new OutboundHttp(connectTimeout), apiBaseUrl, chatGptBaseUrl, totalTimeout);
    }

    private OpenAiApiClient(OutboundHttp http, String apiBaseUrl, String chatGptBaseUrl, Duration totalTimeout) {
        this.apiBase = withoutTrailingSlash(apiBaseUrl);
        this.chatGptBase = withoutTrailingSlash(chatGptBaseUrl);
        this.totalTimeout = totalTimeout;
        this.http = http;
    }

    /** GET {apiBase}/models with the key as bearer token; finishes within the total timeout. */
    public KeyCheck checkApiKey(String apiKey) {
        if (!isHeaderSafe(apiKey)) {
            return new KeyCheck.Rejected();
        }
        return check(HttpRequest.newBuilder(URI.create(apiBase + "/models"))
                .header("Authorization", "Bearer " + apiKey), "API key");
    }

    /** GET {chatGptBase}/models with the OAuth access token and the ChatGPT account it belongs to. */
    public KeyCheck checkChatGptAccess(String accessToken, String accountId) {
        if (!isHeaderSafe(accessToken) || !isHeaderSafe(accountId)) {
            return new KeyCheck.Rejected();
        }
        return check(HttpRequest.newBuilder(URI.create(chatGptBase + "/models"))
                .header("Authorization", "Bearer " + accessToken)
                .header("ChatGPT-Account-Id", accountId), "ChatGPT token");
    }

    private KeyCheck check(HttpRequest.Builder request, String what) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            Answer answer = send(request, Duration.ofNanos(deadline - System.nanoTime()));
            Duration wait = retryWait(answer, attempt, Duration.ofNanos(deadline - System.nanoTime()));
            if (wait == null) {
                LOG.info("OpenAI check of {}: {} after {} attempt(s)", what,
                        answer.result().getClass().getSimpleName(), attempt);
                return answer.result();
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer.result();
            }
        }
    }

    /** How long to wait before retrying, or null to stop: not retryable, retries used up, or no time left. */
    private static Duration retryWait(Answer answer, int attempt, Duration left) {
        if (answer.retryAfter() == null || attempt > MAX_RETRIES) {
            return null;
        }
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
        Duration wait = answer.retryAfter().compareTo(backoff) > 0 ? answer.retryAfter() : backoff;
        return wait.compareTo(MAX_WAIT) > 0 || left.minus(wait).compareTo(MIN_ATTEMPT) < 0 ? null : wait;
    }

    /** One attempt; retryAfter is non-null when the answer may be retried. */
    private record Answer(KeyCheck result, Duration retryAfter) {}

    private Answer send(HttpRequest.Builder request, Duration remaining) {
        try {
            return classify(http.send(request.GET().build(), remaining, OutboundHttp.DEFAULT_MAX_BODY));
        } catch (OutboundHttp.Failure e) {
            return new Answer(new KeyCheck.Unreachable(e.getMessage()), null);
        }
    }

    private static Answer classify(OutboundHttp.Answer response) {
        int status = response.status();
        ProviderErrorBody error = status >= 400 ? ProviderErrorBody.parse(response.body()) : null;
        if (status >= 200 && status < 300) {
            List<String> ids = modelIds(response.body());
            return new Answer(ids != null ? new KeyCheck.Valid(ids)
                    : new KeyCheck.Unreachable("unexpected answer from OpenAI"), null);
        }
        if (status == 401) {
            return new Answer(new KeyCheck.Rejected(), null);
        }
        if (status == 403) {
            return new Answer(new KeyCheck.Forbidden(error.missingPermission()), null);
        }
        if (status == 429) {
            return error.isInsufficientQuota()
                    ? new Answer(new KeyCheck.NoQuota(), null)
                    : new Answer(new KeyCheck.RateLimited(), retryAfter(response));
        }
        if (status == 500 || status == 502 || status == 503) {
            return new Answer(new KeyCheck.Unreachable("OpenAI error, HTTP " + status), retryAfter(response));
        }
        return new Answer(new KeyCheck.Unreachable("unexpected answer from OpenAI, HTTP " + status), null);
    }

    /** Model ids from the API's {"data":[{"id"}]} or the ChatGPT backend's {"models":[{"slug"}]}; null if neither. */
    static List<String> modelIds(String body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            JsonNode list = root.has("data") ? root.get("data") : root.get("models");
            if (list == null || !list.isArray()) {
                return null;
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode model : list) {
                JsonNode id = model.has("id") ? model.get("id") : model.get("slug");
                if (id != null && id.isTextual()) {
                    ids.add(id.asText());
                }
            }
            return ids;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static Duration retryAfter(OutboundHttp.Answer response) {
        try {
            var millis = response.headers().firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get())));
            }
            var seconds = response.headers().firstValue("retry-after");
            if (seconds.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(seconds.get()) * 1000)));
            }
        } catch (NumberFormatException httpDate) {
            // an HTTP-date Retry-After: fall back to our own backoff
        }
        return Duration.ZERO;
    }

    /** Refuse anything that could not be a credential in a header, so no exception ever quotes it. */
    private static boolean isHeaderSafe(String value) {
        return value != null && !value.isEmpty() && value.indexOf(' ') < 0 && OutboundHttp.isHeaderSafe(value);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
