package agento.runtime.toolbox;

import agento.agents.Agent;

/**
 * The seam between the chat and the tools an agent may call: the runtime asks it once per reply and never learns
 * what a tool is made of. The tools feature implements it; Agento hands it to the runtime's factory.
 */
@FunctionalInterface
public interface ToolBox {
    ToolBox NONE = agent -> AgentTools.NONE;

    /** The tools {@code agent} may call in the reply being written now. */
    AgentTools forAgent(Agent agent);
}
