package agento.web;

import agento.web.assets.Assets;
import agento.web.cache.Cached;
import agento.web.cache.PageCache;
import agento.web.cache.UntilWritten;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds (does not start) the Javalin app: plumbing shared by every feature, then each feature's routes. */
public final class WebServer {
    static final int SESSION_IDLE_SECONDS = 2 * 60 * 60;
    // Jetty's default is 200 threads (Javalin's 250): under 64 connections it ran 104 threads, whose stacks and malloc
    // arenas cost about 10 MB of RSS and whose switching cost throughput on 2 cores. Chat streams are asynchronous and
    // hold no thread, so 32 carry a small server; a request waits in Jetty's queue when all are busy.
    public static final int MAX_THREADS = 32;
    private static final int MIN_THREADS = 4;
    private static final int THREAD_IDLE_MS = 60_000;
    private static final int RESPONSE_COPY_BUFFER_BYTES = 4096;
    private static final int KEPT_ACCOUNTS = 10_000; // the route guard's look at signed-in accounts, until a write
    private static final Logger log = LoggerFactory.getLogger("agento.http");
    // Without it, Jetty asks the platform MBean server whether object references are compressed (to pad its queues to
    // a cache line): that loads about 300 JMX and JFR classes, a tenth of a second of a start. They are: the heap is
    // far below 32 GB, so 16 four-byte references fill a 64-byte line. A wrong figure would only cost padding.
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    static {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private WebServer() {}

    /**
     * The settings the web layer needs from the application's configuration; sessions are kept in
     * {@code sessionStore}'s {@code http_sessions} table, and between requests also in memory when this is the
     * {@code onlyServer} on that database. The server answers no request before {@code ready}
     * completes (one that comes earlier waits); when it fails, the server's start fails.
     */
    public record Settings(boolean secureCookies, long maxRequestBytes, DataSource sessionStore,
                           boolean onlyServer, CompletionStage<Void> ready, String... formTargets) {}

    /**
     * The server. On the {@code onlyServer}, pages marked {@link Cached#PAGE} are kept ({@link PageCache}) and the
     * route guard's look at the signed-in account too ({@link UntilWritten}), until {@code dataGeneration} (which
     * moves with every write to the database) moves.
     */
    public static Javalin create(Settings settings, Clock clock, UserDirectory users, List<RouteTable> features,
                                 List<PageAttributes> pageAttributes, LongSupplier dataGeneration) {
        SecurityHeaders headers = new SecurityHeaders(settings.formTargets());
        RouteGuard guard = new RouteGuard(users, clock, settings.onlyServer()
                ? new UntilWritten<>(dataGeneration, KEPT_ACCOUNTS) : UntilWritten.readEveryTime());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            // Javalin copies each answer into Jetty through a buffer of this size, allocated per response; its default
            // (Jetty's 32 KB output buffer) was about a fifth of everything a dashboard request allocated
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, THREAD_IDLE_MS);
            config.fileRenderer(new ThymeleafRenderer(pageAttributes));
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setSessionHandler(sessionHandler(settings));
                handler.addFilter(new FilterHolder(new StreamsKeepTheirConnection()), "/*",
                        EnumSet.of(DispatcherType.REQUEST));
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrorHeaders(headers)));
            config.requestLogger.http((ctx, ms) ->
                    log.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
            config.routes.before(headers::apply);
            config.routes.before(RequestShape::check);
            config.routes.beforeMatched(guard::check);
            if (settings.onlyServer()) {
                PageCache pages = new PageCache(dataGeneration, clock,
                        ctx -> RedirectAfterPost.waits(ctx) ? null : Sessions.user(ctx));
                config.routes.beforeMatched(pages::serve);
                config.routes.afterMatched(pages::keep);
            }
            ErrorPages.register(config.routes);
            Assets assets = new Assets();
            config.routes.get("/static/<path>", assets::serveStatic, Role.ANYONE);
            config.routes.get("/webjars/<path>", assets::serveWebjar, Role.ANYONE);
            // Javalin does not run a GET route for HEAD here: without these, HEAD had neither type nor cache headers
            config.routes.head("/static/<path>", assets::serveStatic, Role.ANYONE);
            config.routes.head("/webjars/<path>", assets::serveWebjar, Role.ANYONE);
            features.forEach(feature -> feature.register(config.routes));
        });
    }

    /**
     * Javalin's SSE handler answers with "Connection: close". A reply's stream ends after its "done", and with that
     * header the connection ended too, and the browser's next Send first opened a new one. Without it the ended stream
     * leaves its connection open for the next request.
     */
    static final class StreamsKeepTheirConnection implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String accept = ((HttpServletRequest) request).getHeader("Accept");
            boolean stream = accept != null && accept.contains("text/event-stream");
            chain.doFilter(request, stream ? new KeepConnection((HttpServletResponse) response) : response);
        }
    }

    private static final class KeepConnection extends HttpServletResponseWrapper {
        KeepConnection(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Connection".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Connection".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }
    }

    private static SessionHandler sessionHandler(Settings settings) {
        SessionHandler sessions = new SessionHandler();
        sessions.setSessionCookie("AGENTO_SESSION");
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.setSecureCookies(settings.secureCookies());
        sessions.setMaxInactiveInterval(SESSION_IDLE_SECONDS);
        sessions.setUsingCookies(true);
        sessions.setSessionIdPathParameterName(null);
        SessionStore.keepIn(sessions, settings.sessionStore(), settings.onlyServer(), settings.ready());
        return sessions;
    }
}
