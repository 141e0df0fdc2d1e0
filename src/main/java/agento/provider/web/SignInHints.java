package agento.provider.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What the card says about where the browser is. {@code recommendCode}: the browser is on another machine and
 * OpenAI's redirect goes to a loopback address, which only the server's own machine reaches, so Sign in with a
 * code comes first. {@code baseUrlDiffers}: the browser opened Agento at {@code browserOrigin}, not at
 * AGENTO_BASE_URL, where Sign in with OpenAI returns (a session this browser does not have there).
 */
public record SignInHints(boolean recommendCode, boolean baseUrlDiffers, String browserOrigin, String baseUrl) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static SignInHints of(Context ctx, String baseUrl, String redirectUri) {
        String forwardedHost = first(ctx.header("X-Forwarded-Host"));
        String host = forwardedHost != null ? forwardedHost : ctx.header("Host");
        String forwardedProto = first(ctx.header("X-Forwarded-Proto"));
        String scheme = forwardedProto != null ? forwardedProto : ctx.scheme();
        String browserOrigin = host == null || host.length() > 200 ? null : scheme + "://" + host;
        boolean local = isLoopback(ctx.req().getRemoteAddr()) && ctx.header("X-Forwarded-For") == null
                && forwardedHost == null && host != null && LOOPBACK.contains(hostName(host));
        boolean differs = browserOrigin != null && !origin(browserOrigin).equals(origin(baseUrl));
        return new SignInHints(!local && LOOPBACK.contains(URI.create(redirectUri).getHost()), differs,
                browserOrigin, baseUrl);
    }

    /** scheme://host:port, lower case, with the scheme's default port spelled out; "" when unreadable. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.toLowerCase(Locale.ROOT));
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String hostName(String hostAndPort) {
        String host = hostAndPort.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}
