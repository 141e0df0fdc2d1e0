package agento.runtime.toolbox;

import agento.runtime.openai.FunctionCall;
import agento.runtime.openai.ToolSpec;
import java.util.List;

/** An agent's tools for one reply: what the model is offered, how many calls it may make, and each call's plan. */
public interface AgentTools {
    AgentTools NONE = new AgentTools() {
        @Override
        public List<ToolSpec> specs() {
            return List.of();
        }

        @Override
        public int maxCalls() {
            return 0;
        }

        @Override
        public ToolPlan plan(FunctionCall call) {
            return ToolPlan.refused(call.name(), "This agent has no tools.");
        }
    };

    List<ToolSpec> specs();

    /** Tool calls one reply may make; the model is told to answer once they are used up. */
    int maxCalls();

    /**
     * Checks a call the model made before anything is sent: the tool is (still) this agent's and the arguments fit
     * its schema. A refused plan's reason is told to the model.
     */
    ToolPlan plan(FunctionCall call);
}
