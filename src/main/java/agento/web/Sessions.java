package agento.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Session attributes in one place: the signed-in user and the CSRF token. A browser without a session (a signed-out
 * visitor on the sign-in or setup form) gets its CSRF token in a cookie instead, compared with the form's copy
 * (double submit): a bot or uptime checker opening {@code /login} creates no session and writes nothing.
 */
public final class Sessions {
    static final String USER = "agento.user";
    static final String CSRF = "agento.csrf";
    static final String FORM_COOKIE = "AGENTO_CSRF";
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
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

    /** Anonymous sessions (a flash message for a signed-out browser) expire sooner than signed-in ones. */
    static final int ANONYMOUS_IDLE_SECONDS = 15 * 60;

    /**
     * The CSRF token of this signed-in session, or, without a signed-in user, of this browser's cookie (a visitor
     * never gets a session for it).
     */
    public static String csrfToken(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null || session.getAttribute(USER) == null) {
            return signedOutToken(ctx);
        }
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            token = randomToken();
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    /**
     * Whether {@code given} is this request's CSRF token: the session's; without a signed-in user, also the one in
     * this browser's cookie. Never creates a session.
     */
    static boolean isCsrfToken(Context ctx, String given) {
        if (given == null || !TOKEN_SHAPE.matcher(given).matches()) {
            return false;
        }
        HttpSession session = ctx.req().getSession(false);
        if (session != null && sameToken((String) session.getAttribute(CSRF), given)) {
            return true;
        }
        return (session == null || session.getAttribute(USER) == null) && sameToken(cookieToken(ctx), given);
    }

    private static boolean sameToken(String expected, String given) {
        return expected != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String signedOutToken(Context ctx) {
        String token = cookieToken(ctx);
        if (token == null) {
            token = randomToken();
            Cookie cookie = new Cookie(formCookie(ctx), token);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.LAX);
            cookie.setSecure(secure(ctx));
            ctx.cookie(cookie);
        }
        return token;
    }

    private static String cookieToken(Context ctx) {
        String token = ctx.cookie(formCookie(ctx));
        return token != null && TOKEN_SHAPE.matcher(token).matches() ? token : null;
    }

    /** Over https the name takes the {@code __Host-} prefix: no subdomain and no plain-http page can set it. */
    private static String formCookie(Context ctx) {
        return secure(ctx) ? "__Host-" + FORM_COOKIE : FORM_COOKIE;
    }

    private static boolean secure(Context ctx) { // as the session cookie: configured so, or the request came over TLS
        return ctx.req().getServletContext().getSessionCookieConfig().isSecure() || ctx.req().isSecure();
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
