package agento.common;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every call Agento makes to the outside world goes through here: a connect timeout, a total timeout, no redirects
 * followed, header values checked for CR/LF before anything is sent, and response bodies read up to a cap.
 */
public final class OutboundHttp {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** 1 MiB: more than any JSON answer Agento reads; the rest of a larger body is never read. */
    public static final int DEFAULT_MAX_BODY = 1 << 20;

    private final OnFirstUse<HttpClient> client;
    private final Duration connectTimeout;

    public OutboundHttp(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        this.client = new OnFirstUse<>(() -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** An answer whose body was read up to the cap; {@code truncated} when there was more. */
    public record Answer(int status, HttpHeaders headers, String body, boolean truncated) {}

    /** Why no answer came: "timed out", "could not connect" or "connection failed"; never quotes the request. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** True when {@code value} can be sent as a header value: printable ASCII, no CR, LF or other control. */
    public static boolean isHeaderSafe(String value) {
        return value != null && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /**
     * Sends {@code request} and reads the answer, all within {@code timeout}, reading at most {@code maxBodyBytes}
     * of the body (UTF-8).
     */
    public Answer send(HttpRequest request, Duration timeout, int maxBodyBytes) throws Failure {
        requireSafeHeaders(request);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new Failure("timed out");
        }
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        CompletableFuture<HttpResponse<CappedBody.Result>> pending =
                client.get().sendAsync(timed, info -> CappedBody.subscriber(maxBodyBytes));
        try {
            HttpResponse<CappedBody.Result> response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            CappedBody.Result body = response.body();
            return new Answer(response.statusCode(), response.headers(), body.text(), body.truncated());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Failure("timed out");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new Failure(cause instanceof HttpTimeoutException ? "timed out"
                    : cause instanceof ConnectException ? "could not connect" : "connection failed");
        }
    }

    /**
     * As {@link #send}, but connected to {@code address}, which the caller has already checked (an SSRF guard): no
     * second name lookup happens, TLS still verifies the certificate for the URI's host. One HTTP/1.1 exchange.
     */
    public Answer sendTo(InetAddress address, PinnedRequest request, Duration timeout, int maxBodyBytes) throws Failure {
        return PinnedExchange.run(request, address, connectTimeout, timeout, maxBodyBytes);
    }

    /**
     * Opens a streaming answer (server-sent events, say) whose headers must arrive within {@code headerTimeout}; the
     * caller reads the body through a cap of its own and closes it to cancel the request.
     */
    public HttpResponse<InputStream> open(HttpRequest request, Duration headerTimeout) throws Failure {
        requireSafeHeaders(request);
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.get().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return pending.get(headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Failure("timed out");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        } catch (ExecutionException e) {
            throw new Failure(e.getCause() instanceof ConnectException ? "could not connect" : "connection failed");
        }
    }

    private static void requireSafeHeaders(HttpRequest request) throws Failure {
        for (var header : request.headers().map().entrySet()) {
            for (String value : header.getValue()) {
                if (!isHeaderSafe(value)) {
                    throw new Failure("refused: the " + header.getKey() + " header has characters a header never has");
                }
            }
        }
    }
}
