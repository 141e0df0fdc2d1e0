package agento.tools.run;

import agento.agents.Agent;
import agento.connectors.run.ActionRunner;
import agento.runtime.toolbox.AgentTools;
import agento.runtime.toolbox.ToolBox;
import agento.tools.core.AgentTool;
import agento.tools.core.AgentToolService;
import java.util.Map;

/** The tools feature's side of the runtime's seam: an agent's ticked connector actions, read once per reply. */
public final class ConnectorToolBox implements ToolBox {
    private final AgentToolService tools;
    private final ActionRunner runner;

    public ConnectorToolBox(AgentToolService tools, ActionRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    @Override
    public AgentTools forAgent(Agent agent) {
        Map<Long, AgentTool> chosen = tools.chosen(agent.id());
        if (chosen.isEmpty()) {
            return AgentTools.NONE;
        }
        return new ConnectorTools(agent.ownerId(), ToolNames.assign(tools.offered(agent, chosen.keySet())),
                () -> tools.chosen(agent.id()), tools.maxCalls(agent.id()), runner);
    }
}
