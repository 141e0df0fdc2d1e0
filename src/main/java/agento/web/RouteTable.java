package agento.web;

import io.javalin.config.RoutesConfig;

/** A feature's routes; each feature package has one, and {@link WebServer} registers them all. */
public interface RouteTable {
    void register(RoutesConfig routes);
}
