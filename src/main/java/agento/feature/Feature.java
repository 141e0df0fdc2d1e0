package agento.feature;

import agento.agents.SettingsSection;
import agento.common.BackgroundWorker;
import agento.web.PageAttributes;
import agento.web.RouteTable;
import java.sql.Connection;
import java.util.List;

/**
 * What a feature adds to Agento, built by the feature's factory from the {@link Shared} dependencies:
 * its routes, its sections of an agent's Settings tab, its background workers, and what every page it adds to (the
 * layout's banner). {@code Agento} composes them.
 *
 * <p>A feature's constructor does not touch the database: the schema may still be migrating then. What must be
 * done with the data before the first request goes in {@link #beforeServing(Connection)}.
 */
public interface Feature {
    /**
     * Runs once the schema is up to date and before the server answers its first request, in plain JDBC
     * ({@link agento.db.Jdbc}, which says why) on a connection in a transaction every feature's work shares.
     */
    default void beforeServing(Connection connection) {}

    default List<RouteTable> routes() {
        return List.of();
    }

    default List<SettingsSection> settingsSections() {
        return List.of();
    }

    default List<BackgroundWorker> workers() {
        return List.of();
    }

    default List<PageAttributes> pageAttributes() {
        return List.of();
    }
}
