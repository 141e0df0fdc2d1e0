package agento.web;

import agento.web.cache.PageCache;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A form posted without htmx answers with a redirect, so the address never stays on the POST (a reload would post
 * again). What the page should show then, e.g. {@code errors} and the values typed (never a secret), waits in the
 * session for that page's address and is merged into its next full render, once. htmx keeps its in-place answer.
 */
public final class RedirectAfterPost {
    private static final String KEY = "agento.shown.";

    private RedirectAfterPost() {}

    /**
     * 303 to {@code page} ("/path" with an optional {@code #anchor}), whose next full render shows {@code shown} over
     * its own model. The values live in the session (its database row): callers leave every secret out.
     */
    public static void redirect(Context ctx, String page, Map<String, ?> shown) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null && !shown.isEmpty()) {
            HashMap<String, Serializable> kept = new HashMap<>();
            shown.forEach((name, value) -> {
                if (value != null && !(value instanceof Serializable)) {
                    throw new IllegalArgumentException(name + " cannot be kept in a session: " + value.getClass());
                }
                kept.put(name, (Serializable) value);
            });
            session.setAttribute(KEY + pathOf(page), kept);
        }
        ctx.redirect(page, HttpStatus.SEE_OTHER);
    }

    /** What a redirect left for this GET's address, taken (shown once); empty for anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> take(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null || !"GET".equals(ctx.req().getMethod())) {
            return Map.of();
        }
        String key = KEY + ctx.path();
        Object shown = session.getAttribute(key);
        if (shown == null) {
            return Map.of();
        }
        session.removeAttribute(key);
        PageCache.keepNot(ctx); // shown once: a reload must not show it again from a copy
        return (Map<String, Object>) shown;
    }

    /** True when a redirect left something for this GET's page to show once. */
    static boolean waits(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        return session != null && session.getAttribute(KEY + ctx.path()) != null;
    }

    private static String pathOf(String page) {
        int end = page.length();
        for (char c : new char[] {'#', '?'}) {
            int at = page.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return page.substring(0, end);
    }
}
