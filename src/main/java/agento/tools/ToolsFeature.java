package agento.tools;

import agento.agents.SettingsSection;
import agento.connectors.ConnectorsFeature;
import agento.feature.Feature;
import agento.feature.Shared;
import agento.runtime.toolbox.ToolBox;
import agento.tools.core.AgentToolService;
import agento.tools.run.ConnectorToolBox;
import agento.tools.web.ToolsCard;
import agento.tools.web.ToolsRoutes;
import agento.web.RouteTable;
import java.util.List;

/**
 * Agents use connector actions as tools while they chat: Settings → Tools (which actions, Ask before running, calls
 * per reply) and the {@link ToolBox} the runtime asks once per reply. Folders: {@code core/} the choices and their
 * table, {@code run/} names, schema checks and runs through the connectors' runner, {@code web/} the Settings card.
 */
public final class ToolsFeature implements Feature {
    private final ToolBox toolBox;
    private final ToolsCard card;
    private final List<RouteTable> routes;

    public ToolsFeature(Shared shared, ConnectorsFeature connectors) {
        AgentToolService tools = new AgentToolService(shared.database().jdbi(), connectors.actions());
        toolBox = new ConnectorToolBox(tools, connectors.runner());
        card = new ToolsCard(tools, shared.settingsPage());
        routes = List.of(new ToolsRoutes(card, tools));
        connectors.actions().reportUsersWith(tools::agentsByAction);
    }

    /** What the runtime's factory takes: the tools each agent may call. */
    public ToolBox toolBox() {
        return toolBox;
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }

    @Override
    public List<SettingsSection> settingsSections() {
        return List.of(card);
    }
}
