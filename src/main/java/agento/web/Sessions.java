package agento.web;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;

/** Session attributes in one place: the signed-in user and the CSRF token. */
public final class Sessions {
    static final String USER = "agento.user";
    static final String CSRF = "agento.csrf";
    private static final String FLASH = "agento.flash.";
    private static final String BINDING = "agento.binding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sessions() {}

    public static SessionUser user(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        return session == null ? null : (SessionUser) session.getAttribute(USER);
    }

    /** The signed-in user; the route guard has already refused anonymous requests. */
    public static SessionUser requireUser(Context ctx) {
        SessionUser user = user(ctx);
        if (user == null) {
            throw new IllegalStateException("route without SIGNED_IN role asked for the user");
        }
        return user;
    }

    /** Anonymous sessions (a login form's CSRF token) expire sooner than signed-in ones. */
    static final int ANONYMOUS_IDLE_SECONDS = 15 * 60;

    /** The CSRF token of this session, created with the session on first use. */
    public static String csrfToken(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            session = ctx.req().getSession(true);
            session.setMaxInactiveInterval(ANONYMOUS_IDLE_SECONDS);
        }
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            token = randomToken();
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    /** The CSRF token if this request has a session that holds one; never creates a session. */
    static String csrfTokenIfPresent(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        return session == null ? null : (String) session.getAttribute(CSRF);
    }

    /** Signs in: the old session (and its id) is thrown away, a new one with a new CSRF token begins. */
    public static void signIn(Context ctx, SessionUser user) {
        HttpSession old = ctx.req().getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession fresh = ctx.req().getSession(true);
        fresh.setMaxInactiveInterval(WebServer.SESSION_IDLE_SECONDS);
        fresh.setAttribute(USER, user);
        fresh.setAttribute(CSRF, randomToken());
    }

    /** The same signed-in session with the user's current details (a changed role). */
    static void update(Context ctx, SessionUser user) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.setAttribute(USER, user);
        }
    }

    public static void signOut(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** This session's binding, or null when the request has no session or none was made (never creates one). */
    public static String existingBinding(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        return session == null ? null : (String) session.getAttribute(BINDING);
    }

    /** An opaque per-session value that binds OAuth flows to this browser session. */
    public static String binding(Context ctx) {
        HttpSession session = ctx.req().getSession(true);
        String binding = (String) session.getAttribute(BINDING);
        if (binding == null) {
            binding = randomToken();
            session.setAttribute(BINDING, binding);
        }
        return binding;
    }

    /** A message for the next page this browser opens (it may have no session yet: one is made, short-lived). */
    public static void flash(Context ctx, String key, String message) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            session = ctx.req().getSession(true);
            session.setMaxInactiveInterval(ANONYMOUS_IDLE_SECONDS);
        }
        session.setAttribute(FLASH + key, message);
    }

    /** The flashed message, or null; it is kept (a reload shows it again) until the session ends. */
    public static String flashed(Context ctx, String key) {
        HttpSession session = ctx.req().getSession(false);
        return session == null ? null : (String) session.getAttribute(FLASH + key);
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
