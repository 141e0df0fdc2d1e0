package agento.provider.oauth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's public client only redirects to {@code http://localhost:1455/auth/callback}. When the configured
 * redirect URI is a loopback address on another port than Agento's, this listens there (always, from start-up)
 * for that one path and passes the browser on to Agento's own callback with the same query.
 */
public final class LoopbackCallbackListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackCallbackListener.class);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final HttpServer server;

    private LoopbackCallbackListener(HttpServer server) {
        this.server = server;
    }

    /** True when the redirect URI needs this listener: a loopback host on a port Agento itself does not serve. */
    public static boolean needed(String redirectUri, int serverPort) {
        URI uri = URI.create(redirectUri);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost()) && port != serverPort;
    }

    /** Starts listening, or returns null (with a warning) when the port is taken: the paste fallback remains. */
    public static LoopbackCallbackListener start(String redirectUri, String agentoCallbackUrl) {
        URI uri = URI.create(redirectUri);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), uri.getPort()), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Referrer-Policy", "no-referrer");
                    exchange.getResponseHeaders().add("Cache-Control", "no-store");
                    if (!exchange.getRequestURI().getRawPath().equals(uri.getRawPath())
                            || !"GET".equals(exchange.getRequestMethod())) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    String query = exchange.getRequestURI().getRawQuery();
                    exchange.getResponseHeaders().add("Location", agentoCallbackUrl + (query == null ? "" : "?" + query));
                    exchange.sendResponseHeaders(302, -1);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "agento-oauth-loopback");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            log.info("listening on {} for OpenAI's sign-in redirect", redirectUri);
            return new LoopbackCallbackListener(server);
        } catch (IOException e) {
            log.warn("cannot listen on {} for OpenAI's sign-in redirect ({}); people can paste the address they "
                    + "were sent to instead", redirectUri, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
