package agento.web;

import agento.web.cache.UntilWritten;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One before-handler for every matched route: first-run setup, sign-in, role, session age and CSRF. */
final class RouteGuard {
    static final Duration ABSOLUTE_SESSION_LIMIT = Duration.ofHours(12);
    private static final Logger log = LoggerFactory.getLogger(RouteGuard.class);
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final UserDirectory users;
    private final Clock clock;
    private final UntilWritten<SessionUser, Optional<SessionUser>> accounts;

    /** {@code accounts}: the signed-in accounts as last read, kept until the next write on the only server. */
    RouteGuard(UserDirectory users, Clock clock, UntilWritten<SessionUser, Optional<SessionUser>> accounts) {
        this.users = users;
        this.clock = clock;
        this.accounts = accounts;
    }

    void check(Context ctx) {
        Role role = roleOf(ctx);
        if (!SAFE_METHODS.contains(ctx.method())) {
            requireCsrfToken(ctx);
        }
        if (role == Role.ANYONE) {
            return;
        }
        SessionUser user = Sessions.user(ctx);
        if (user != null && user.signedInAt().plus(ABSOLUTE_SESSION_LIMIT).isBefore(clock.instant())) {
            Sessions.signOut(ctx);
            user = null;
        }
        if (user != null) {
            user = current(ctx, user);
        }
        if (user == null) {
            sendToSignIn(ctx);
            return;
        }
        if (role == Role.ADMIN && !user.admin()) {
            throw new NotFoundResponse();
        }
    }

    private static Role roleOf(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() && isStaticFile(ctx)) {
            return Role.ANYONE;
        }
        if (roles.isEmpty() && ctx.method() == HandlerType.HEAD) {
            roles = headRoles(ctx); // Javalin answers HEAD with the GET route, whose role it does not carry over
        }
        Role role = null;
        int named = 0;
        for (RouteRole each : roles) { // besides its Role, a route may carry other marks (Cached.PAGE)
            if (each instanceof Role one) {
                role = one;
                named++;
            }
        }
        if (named != 1) {
            throw new IllegalStateException("route " + ctx.path() + " must declare exactly one Role");
        }
        return role;
    }

    private static boolean isStaticFile(Context ctx) {
        return ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/");
    }

    private static Set<RouteRole> headRoles(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Roles roles = endpoint == null ? null : endpoint.metadata(Roles.class);
        return roles == null || roles.getRoles().isEmpty() ? Set.of(Role.SIGNED_IN) : roles.getRoles();
    }

    /** A removed account's session ends; a changed role applies from the next request on. */
    private SessionUser current(Context ctx, SessionUser user) {
        SessionUser now = accounts.get(user, users::current).orElse(null);
        if (now == null) {
            log.warn("security: session of removed user id={} ended", user.id());
            Sessions.signOut(ctx);
        } else if (now.admin() != user.admin()) {
            Sessions.update(ctx, now);
        }
        return now;
    }

    private void sendToSignIn(Context ctx) {
        String target = users.setupNeeded() ? "/setup" : signInTarget(ctx);
        if (Htmx.isRequest(ctx)) {
            ctx.header("HX-Redirect", target);
            ctx.status(401);
        } else {
            ctx.redirect(target);
        }
        ctx.skipRemainingHandlers();
    }

    private static String signInTarget(Context ctx) {
        if (ctx.method() != HandlerType.GET || "/".equals(ctx.path())) {
            return "/login";
        }
        return "/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
    }

    private static void requireCsrfToken(Context ctx) {
        String given = ctx.header("X-CSRF-Token");
        if (given == null) {
            given = ctx.formParam("_csrf");
        }
        if (!Sessions.isCsrfToken(ctx, given)) {
            SessionUser user = Sessions.user(ctx);
            log.warn("security: CSRF token missing or wrong for {} {} from {} ({})", ctx.method(), ctx.path(), ctx.ip(),
                    user == null ? "not signed in" : "user id=" + user.id());
            throw new ForbiddenResponse("csrf");
        }
    }
}
