package agento.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.Endpoint;

/** For per-request scopes (an agent, a connector): which routes they cover and their path ids. */
public final class PathScope {
    private PathScope() {}

    /**
     * True when the matched route is {@code pattern} or below it and someone is signed in (the route guard has
     * already sent everyone else to sign in).
     */
    public static boolean covers(Context ctx, String pattern) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint != null && (endpoint.path.equals(pattern) || endpoint.path.startsWith(pattern + "/"))
                && Sessions.user(ctx) != null;
    }

    /** The path parameter {@code name} as a positive id; anything else is simply not found (404). */
    public static long id(Context ctx, String name) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to 404
        }
        throw new NotFoundResponse();
    }
}
