package agento.runtime.openai;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns OpenAI's error answers and error events into a {@link ChatFailure}, and says which to retry. */
final class FailureClassifier {

    private static final Pattern TRY_AGAIN =
            Pattern.compile("try again in (\\d+(?:\\.\\d+)?)\\s*(ms|s)\\b", Pattern.CASE_INSENSITIVE);
    private static final int MAX_PROVIDER_TEXT = 500;

    /** A failure, and how long to wait before retrying it (null: never retry). */
    record Verdict(ChatFailure failure, Duration retryAfter) {}

    private FailureClassifier() {}

    static Verdict httpError(int status, HttpHeaders headers, ErrorBody error, ResponsesRequest request,
            int attempt, Duration backoff) {
        if (status == 401) {
            return new Verdict(new ChatFailure.Unauthorized(request.target().backend()), null);
        }
        ChatFailure known = known(error, request);
        if (known != null) {
            return new Verdict(known, null);
        }
        if (status == 429) {
            Duration wait = retryAfter(headers, error.message());
            return new Verdict(new ChatFailure.RateLimited(attempt), atLeast(wait, backoff));
        }
        if (status == 500 || status == 502 || status == 503 || status == 504 || status == 529) {
            Duration wait = retryAfter(headers, null);
            return new Verdict(new ChatFailure.ProviderUnavailable(status, attempt), atLeast(wait, backoff));
        }
        if (status >= 400 && status < 500) {
            return new Verdict(new ChatFailure.Rejected(status, providerText(error, request)), null);
        }
        return new Verdict(new ChatFailure.Unreachable("unexpected answer, HTTP " + status), null);
    }

    /** A {@code response.failed} or {@code error} event: never retried, deltas may already be shown. */
    static ChatFailure streamError(ErrorBody error, ResponsesRequest request) {
        ChatFailure known = known(error, request);
        if (known != null) {
            return known;
        }
        if (error.is("rate_limit_exceeded")) {
            return new ChatFailure.RateLimited(1);
        }
        return new ChatFailure.StreamError(error.code(), providerText(error, request));
    }

    private static ChatFailure known(ErrorBody error, ResponsesRequest request) {
        if (error.is("insufficient_quota")) {
            return new ChatFailure.NoQuota();
        }
        if (error.is("usage_limit_reached")) {
            return new ChatFailure.UsageLimitReached(error.resetsAt());
        }
        if (error.is("context_length_exceeded")) {
            return new ChatFailure.ContextTooLong();
        }
        String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        if (error.is("model_not_found") || message.contains("model is not supported")) {
            return new ChatFailure.ModelNotSupported(request.model());
        }
        return null;
    }

    /** No answer at all; the HTTP client's exception messages can quote the request, so only types are used. */
    static ChatFailure notAnswered(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new ChatFailure.TimedOut("to accept the connection");
        }
        if (cause instanceof HttpTimeoutException) {
            return new ChatFailure.TimedOut("to start answering");
        }
        return new ChatFailure.Unreachable(
                cause instanceof ConnectException ? "could not connect" : "connection failed");
    }

    /** retry-after-ms, then Retry-After in seconds, then "Please try again in 1.5s" in the message. */
    static Duration retryAfter(HttpHeaders headers, String message) {
        try {
            var millis = headers.firstValue("retry-after-ms");
            if (millis.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get())));
            }
            var seconds = headers.firstValue("retry-after");
            if (seconds.isPresent()) {
                return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(seconds.get()) * 1000)));
            }
        } catch (NumberFormatException httpDate) {
            // an HTTP-date Retry-After: fall through to the message or our own backoff
        }
        return fromMessage(message);
    }

    // a "Retry-After: 0" must not turn the retries into a burst
    private static Duration atLeast(Duration wait, Duration backoff) {
        return wait == null || wait.compareTo(backoff) < 0 ? backoff : wait;
    }

    static Duration fromMessage(String message) {
        Matcher matcher = TRY_AGAIN.matcher(message == null ? "" : message);
        if (!matcher.find()) {
            return null;
        }
        double amount = Double.parseDouble(matcher.group(1));
        return Duration.ofMillis((long) Math.ceil(matcher.group(2).equalsIgnoreCase("ms") ? amount : amount * 1000));
    }

    // OpenAI echoes parts of what it was sent; never let the credential ride along
    private static String providerText(ErrorBody error, ResponsesRequest request) {
        String text = error.message() == null || error.message().isBlank() ? "no explanation given" : error.message();
        String bearer = request.target().bearer();
        if (!bearer.isEmpty()) {
            text = text.replace(bearer, "[hidden]");
        }
        return text.length() > MAX_PROVIDER_TEXT ? text.substring(0, MAX_PROVIDER_TEXT) + "…" : text;
    }
}
