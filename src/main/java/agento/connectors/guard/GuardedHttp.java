package agento.connectors.guard;

import agento.common.OutboundHttp;
import agento.common.PinnedRequest;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sends a connector's request through the guard: each hop checked and connected to the address that was checked,
 * redirects followed (at most 5) only after the new address passed the guard too, credentials dropped when a
 * redirect leaves the origin. Connect timeout 5 s, 30 s for the whole exchange, bodies read up to 5 MB.
 */
public final class GuardedHttp {
    public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_BODY = 5 * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;

    /** The last answer, the URI it came from, and how many redirects led there. */
    public record Exchange(OutboundHttp.Answer answer, URI finalUri, int redirects) {}

    private final ConnectorGuard guard;
    private final OutboundHttp http;
    private final Duration totalTimeout;

    public GuardedHttp(ConnectorGuard guard, OutboundHttp http, Duration totalTimeout) {
        this.guard = guard;
        this.http = http;
        this.totalTimeout = totalTimeout;
    }

    /**
     * Sends {@code request}; {@code credentialHeaders} (besides Authorization) never follow a redirect to another
     * origin.
     */
    public Exchange send(PinnedRequest request, Set<String> credentialHeaders)
            throws BlockedAddressException, UnknownHostException, OutboundHttp.Failure {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        PinnedRequest current = request;
        for (int hop = 0; ; hop++) {
            ConnectorGuard.Target target;
            try {
                target = guard.check(current.uri());
            } catch (BlockedAddressException e) {
                throw hop == 0 ? e : new BlockedAddressException("the API redirected to " + current.uri().getHost()
                        + ", and " + e.why());
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            OutboundHttp.Answer answer = http.sendTo(target.address(), current, left, MAX_BODY);
            URI next = hop < MAX_REDIRECTS ? location(current.uri(), answer) : null;
            if (next == null) {
                return new Exchange(answer, current.uri(), hop);
            }
            current = follow(current, next, answer.status(), credentialHeaders);
        }
    }

    private static URI location(URI from, OutboundHttp.Answer answer) {
        int status = answer.status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        return answer.headers().firstValue("location").map(value -> {
            try {
                return from.resolve(value.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
    }

    private static PinnedRequest follow(PinnedRequest from, URI next, int status, Set<String> credentialHeaders) {
        boolean keepsMethod = status == 307 || status == 308 || from.method().equals("GET")
                || from.method().equals("HEAD");
        boolean sameOrigin = sameOrigin(from.uri(), next);
        List<Map.Entry<String, String>> headers = from.headers().stream()
                .filter(h -> sameOrigin || !isCredential(h.getKey(), credentialHeaders))
                .filter(h -> keepsMethod || !h.getKey().equalsIgnoreCase("Content-Type"))
                .toList();
        return new PinnedRequest(keepsMethod ? from.method() : "GET", next, headers, keepsMethod ? from.body() : null);
    }

    private static boolean isCredential(String header, Set<String> credentialHeaders) {
        return header.equalsIgnoreCase("Authorization") || header.equalsIgnoreCase("Cookie")
                || credentialHeaders.stream().anyMatch(header::equalsIgnoreCase);
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
                lower(b.getHost())) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
