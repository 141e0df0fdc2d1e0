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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps the answer of a {@link Cached#PAGE} route for the same session asking again the same way, until this server
 * writes anything to the database, and for {@link #LIFETIME}: then the first request draws it again while the others
 * still get the copy, for at most one more {@link #LIFETIME}. Only for the only server on its database: another
 * server's writes would not move the {@code generation} this one watches.
 *
 * <p>{@link #serve} runs after the route guard, so a signed-out, expired or removed session never gets a copy; it runs
 * before the agent's scope, whose ownership check the kept copy already passed (and a change of owner is a write). A
 * copy is kept only for a 200 whose handler set no header of its own, when no write happened while it was drawn. At
 * most {@link #MAX_BYTES} are kept, the least recently used dropped first; pages never hold a secret, so neither does
 * this. A copy is the whole answer: on a hit no later handler runs (no {@code afterMatched} or {@code after}), so
 * headers belong in a {@code before} handler.
 */
public final class PageCache {
    /**
     * How long a page is kept before it is drawn again; whatever it shows that no write changes (a countdown, say)
     * is at most twice this behind the clock.
     */
    public static final Duration LIFETIME = Duration.ofSeconds(1);
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final String DRAWING = "agento.page-cache.drawing";
    private static final String NOT_KEPT = "agento.page-cache.not-kept";
    private static final String CONTENT_TYPE = "Content-Type";

    private final LongSupplier generation;
    private final Clock clock;
    private final Function<Context, Object> servedTo;
    private final LinkedHashMap<PageKey, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;
    private long keptGeneration;

    /**
     * {@code servedTo}: who the request's page is drawn for (the session's signed-in user), or null when it may not
     * come from a copy (nobody signed in, or a message waits to be shown once on this page).
     */
    public PageCache(LongSupplier generation, Clock clock, Function<Context, Object> servedTo) {
        this.generation = generation;
        this.clock = clock;
        this.servedTo = servedTo;
    }

    private record Copy(byte[] body, String contentType, long generation, long drawnAt, long expiresAt, int weight,
                        boolean redrawing) {
        boolean holds(long current, long now) {
            return generation == current && now >= drawnAt && now < expiresAt; // a clock set back ends it too
        }

        /** Past its second by the clock alone, by less than another: drawn again by one request, kept for the rest. */
        boolean inGrace(long current, long now) {
            return generation == current && now >= expiresAt && now < expiresAt + LIFETIME.toMillis();
        }

        Copy redrawn() {
            return new Copy(body, contentType, generation, drawnAt, expiresAt, weight, true);
        }
    }

    private record Drawing(PageKey key, long generation, long startedAt, Map<String, List<String>> headers) {}

    /**
     * For a handler that shows something once (a message taken from the session): this answer is not kept. A page
     * that waits for such a message is not served from a copy either ({@code servedTo}).
     */
    public static void keepNot(Context ctx) {
        ctx.attribute(NOT_KEPT, Boolean.TRUE);
    }

    /** Before the page's handler: answers with a kept copy, or notes what to keep once the handler has answered. */
    public void serve(Context ctx) {
        if (ctx.method() != HandlerType.GET || !ctx.routeRoles().contains(Cached.PAGE)) {
            return;
        }
        HttpSession session = ctx.req().getSession(false);
        Object user = session == null ? null : servedTo.apply(ctx);
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
        ctx.attribute(DRAWING, new Drawing(key, current, now, headers(ctx)));
    }

    /** After the page's handler: keeps its answer when nothing it was drawn from has changed meanwhile. */
    public void keep(Context ctx) {
        Drawing drawing = ctx.attribute(DRAWING);
        if (drawing == null || ctx.attribute(NOT_KEPT) != null || ctx.statusCode() != 200
                || generation.getAsLong() != drawing.generation() || !headers(ctx).equals(drawing.headers())
                || ctx.res().getContentType() == null) {
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
        put(drawing.key(), new Copy(body, ctx.res().getContentType(), drawing.generation(), drawing.startedAt(),
                expiresAt, body.length + drawing.key().weight(), false));
    }

    private synchronized Copy find(PageKey key, long current, long now) {
        Copy copy = copies.get(key);
        if (copy == null) {
            return null;
        }
        if (copy.holds(current, now) || copy.inGrace(current, now) && copy.redrawing()) {
            return copy;
        }
        if (copy.inGrace(current, now)) {
            // the first request to find it past its second draws it again; the others meanwhile get this copy, so a
            // busy page is drawn once, not by every request that came during the drawing
            copies.put(key, copy.redrawn());
            return null;
        }
        copies.remove(key);
        keptBytes -= copy.weight();
        return null;
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
        // the least recently used first; and whatever has expired, so an ended session's pages do not stay
        Iterator<Copy> kept = copies.values().iterator();
        while (kept.hasNext()) {
            Copy each = kept.next();
            boolean useful = each.holds(copy.generation(), copy.drawnAt())
                    || each.inGrace(copy.generation(), copy.drawnAt());
            if (keptBytes > MAX_BYTES || !useful) {
                keptBytes -= each.weight();
                kept.remove();
            }
        }
    }

    /** The response headers set so far, with their values, but the content type (which every page sets). */
    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.res().getHeaderNames()) {
            if (!CONTENT_TYPE.equalsIgnoreCase(name)) {
                headers.put(name, List.copyOf(ctx.res().getHeaders(name)));
            }
        }
        return headers;
    }

    /** How many copies are kept, for tests. */
    synchronized int size() {
        return copies.size();
    }
}
