package agento.feature;

import agento.agents.SettingsSection;
import agento.common.BackgroundWorker;
import agento.web.PageAttributes;
import agento.web.RouteTable;
import java.util.List;

/**
 * What a feature adds to Agento, built by the feature's factory from the {@link Shared} dependencies:
 * its routes, its sections of an agent's Settings tab, its background workers, and what every page it adds to (the
 * layout's banner). {@code Agento} composes them.
 */
public interface Feature {
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
