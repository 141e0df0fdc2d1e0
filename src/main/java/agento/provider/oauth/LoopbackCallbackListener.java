package agento.provider.oauth;

import java.net.URI;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's public client only redirects to {@code http://localhost:1455/auth/callback}. When the configured
 * redirect URI is a loopback address on another port than Agento's, this listens there (always, from start-up)
 * for that one path and passes the browser on to Agento's own callback with the same query. A small Jetty with an
 * idle timeout: a client that sends half a request is dropped after a few seconds and blocks nobody.
 */
public final class LoopbackCallbackListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackCallbackListener.class);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    static final long IDLE_TIMEOUT_MILLIS = 5_000;
    private final Server server;

    private LoopbackCallbackListener(Server server) {
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
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("agento-oauth-loopback");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(uri.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.setHandler(new Forward(uri.getRawPath(), agentoCallbackUrl));
        try {
            server.start();
            log.info("listening on {} for OpenAI's sign-in redirect", redirectUri);
            return new LoopbackCallbackListener(server);
        } catch (Exception e) {
            stopQuietly(server);
            log.warn("cannot listen on {} for OpenAI's sign-in redirect ({}); people can paste the address they "
                    + "were sent to instead", redirectUri, e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("loopback listener stop: {}", e.toString());
        }
    }

    /** GET of the redirect path only: 302 to Agento's callback with the same query; anything else 404. */
    private static final class Forward extends Handler.Abstract {
        private final String path;
        private final String target;

        Forward(String path, String target) {
            this.path = path;
            this.target = target;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            if (!"GET".equals(request.getMethod()) || !path.equals(request.getHttpURI().getPath())) {
                response.setStatus(404);
                callback.succeeded();
                return true;
            }
            String query = request.getHttpURI().getQuery();
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, target + (query == null ? "" : "?" + query));
            callback.succeeded();
            return true;
        }
    }
}
