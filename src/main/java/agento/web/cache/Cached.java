package agento.web.cache;

import io.javalin.security.RouteRole;

/**
 * Marks a GET route whose answer {@link PageCache} may keep: beside the route's {@code Role}, e.g.
 * {@code routes.get("/", handler, Role.SIGNED_IN, Cached.PAGE)}. Only for a page drawn from the database, the session
 * and the request alone: anything else it shows may be up to {@link PageCache#LIFETIME} behind.
 */
public enum Cached implements RouteRole {
    PAGE
}
