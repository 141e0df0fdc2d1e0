package agento.web;

import io.javalin.security.RouteRole;

/** Who may call a route; every route names one, checked once in {@link RouteGuard}. */
public enum Role implements RouteRole {
    ANYONE,
    SIGNED_IN,
    ADMIN
}
