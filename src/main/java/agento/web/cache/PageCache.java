package agento.web.cache;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps the answer of a {@link Cached#PAGE} route for the same session asking again the same way, until this server
 * writes anything to the database or {@link #LIFETIME} has passed, whichever comes first. Only for the only server on
 * its database: another server's writes would not move the {@code generation} this one watches.
 *
 * <p>{@link #serve} runs after the route guard, so a signed-out, expired or removed session never gets a copy; it runs
 * before the agent's scope, whose ownership check the kept copy already passed (and a change of owner is a write). A
 * copy is kept only for a 200 whose handler set no header of its own, when no write happened while it was drawn. At most {@link #MAX_BYTES} are kept, the least recently used
 * dropped first; pages never hold a secret, so neither does this.
 */
public final class PageCache {
    /** How far behind the clock a kept page may be: whatever it shows that no write changes (a countdown, say). */
    public static final Duration LIFETIME = Duration.ofSeconds(1);
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final String DRAWING = "agento.page-cache.drawing";
    private static final String CONTENT_TYPE = "Content-Type";

    private final LongSupplier generation;
    private final Clock clock;
    private final Function<HttpSession, Object> servedTo;
    private final LinkedHashMap<PageKey, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;
    private long keptGeneration;

    /**
     * {@code servedTo}: who a session's pages are drawn for (its signed-in user), or null when none may be served
     * from a copy (nobody signed in, or a message waits to be shown once).
     */
    public PageCache(LongSupplier generation, Clock clock, Function<HttpSession, Object> servedTo) {
        this.generation = generation;
        this.clock = clock;
        this.servedTo = servedTo;
    }

    private record Copy(byte[] body, String contentType, long generation, long expiresAt, int weight) {}

    private record Drawing(PageKey key, long generation, long startedAt, Set<String> headers) {}

    /** Before the page's handler: answers with a kept copy, or notes what to keep once the handler has answered. */
    public void serve(Context ctx) {
        if (ctx.method() != HandlerType.GET || !ctx.routeRoles().contains(Cached.PAGE)) {
            return;
        }
        HttpSession session = ctx.req().getSession(false);
        Object user = session == null ? null : servedTo.apply(session);
        if (user == null) {
            return;
        }
        PageKey key = PageKey.of(ctx, session, user);
        long now = clock.millis();
        long current = generation.getAsLong();
        Copy copy = find(key, current, now);
        if (copy != null) {
            ctx.contentType(copy.contentType());
            ctx.result(copy.body());
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(DRAWING, new Drawing(key, current, now, headerNames(ctx)));
    }

    /** After the page's handler: keeps its answer when nothing it was drawn from has changed meanwhile. */
    public void keep(Context ctx) {
        Drawing drawing = ctx.attribute(DRAWING);
        if (drawing == null || ctx.statusCode() != 200 || generation.getAsLong() != drawing.generation()
                || !headerNames(ctx).equals(drawing.headers()) || ctx.res().getContentType() == null) {
            return;
        }
        InputStream result = ctx.resultInputStream();
        if (!(result instanceof ByteArrayInputStream)) {
            return; // a stream or a future: not a page
        }
        byte[] body;
        try {
            body = result.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array's stream does not fail
        }
        ctx.result(body);
        long expiresAt = drawing.startedAt() + LIFETIME.toMillis();
        put(drawing.key(), new Copy(body, ctx.res().getContentType(), drawing.generation(), expiresAt,
                body.length + drawing.key().weight()));
    }

    private synchronized Copy find(PageKey key, long current, long now) {
        Copy copy = copies.get(key);
        if (copy == null) {
            return null;
        }
        if (copy.generation() != current || now >= copy.expiresAt()) {
            copies.remove(key);
            keptBytes -= copy.weight();
            return null;
        }
        return copy;
    }

    private synchronized void put(PageKey key, Copy copy) {
        if (copy.generation() < keptGeneration || copy.weight() > MAX_BYTES) {
            return;
        }
        if (copy.generation() > keptGeneration) { // everything kept so far is older than the data
            copies.clear();
            keptBytes = 0;
            keptGeneration = copy.generation();
        }
        Copy replaced = copies.put(key, copy);
        keptBytes += copy.weight() - (replaced == null ? 0 : replaced.weight());
        Iterator<Map.Entry<PageKey, Copy>> eldest = copies.entrySet().iterator();
        while (keptBytes > MAX_BYTES && eldest.hasNext()) {
            keptBytes -= eldest.next().getValue().weight();
            eldest.remove();
        }
    }

    /** The response headers set so far, but the content type (which every page's handler sets). */
    private static Set<String> headerNames(Context ctx) {
        Set<String> names = new HashSet<>(ctx.res().getHeaderNames());
        names.removeIf(CONTENT_TYPE::equalsIgnoreCase);
        return names;
    }

    /** How many copies are kept, for tests. */
    synchronized int size() {
        return copies.size();
    }
}
