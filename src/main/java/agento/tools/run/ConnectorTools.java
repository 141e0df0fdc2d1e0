package agento.tools.run;

import agento.connectors.core.ConnectorNotFoundException;
import agento.connectors.core.ToolAction;
import agento.connectors.run.ActionRunner;
import agento.connectors.run.RunResult;
import agento.runtime.openai.FunctionCall;
import agento.runtime.openai.ToolSpec;
import agento.runtime.toolbox.AgentTools;
import agento.runtime.toolbox.ToolPlan;
import agento.runtime.toolbox.ToolResult;
import agento.tools.core.AgentTool;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An agent's connector actions as tools for one reply. Each call is checked again when the model makes it (the tool
 * may have been removed meanwhile) and runs through the connectors' {@link ActionRunner}: the same guard as Test.
 */
final class ConnectorTools implements AgentTools {
    static final int MAX_DESCRIPTION = 1000;

    private final long ownerId;
    private final Map<String, ToolAction> byName;
    private final Supplier<Map<Long, AgentTool>> current;
    private final int maxCalls;
    private final ActionRunner runner;

    ConnectorTools(long ownerId, Map<String, ToolAction> byName, Supplier<Map<Long, AgentTool>> current,
                   int maxCalls, ActionRunner runner) {
        this.ownerId = ownerId;
        this.byName = byName;
        this.current = current;
        this.maxCalls = maxCalls;
        this.runner = runner;
    }

    @Override
    public List<ToolSpec> specs() {
        return byName.entrySet().stream().map(e -> new ToolSpec(e.getKey(), description(e.getValue()),
                e.getValue().inputs())).toList();
    }

    @Override
    public int maxCalls() {
        return maxCalls;
    }

    @Override
    public ToolPlan plan(FunctionCall call) {
        ToolAction action = byName.get(call.name());
        if (action == null) {
            return ToolPlan.refused(call.name(), "This agent has no tool called " + call.name() + ".");
        }
        String label = action.name() + " \u00b7 " + action.connectorName();
        AgentTool tool = current.get().get(action.actionId());
        if (tool == null) {
            return ToolPlan.refused(label, "The tool " + call.name() + " is no longer available to this agent: its "
                    + "owner removed it. Answer without it.");
        }
        Map<String, String> inputs;
        try {
            inputs = ToolArguments.parse(call.arguments(), action.inputs());
        } catch (ToolArguments.Invalid e) {
            return ToolPlan.refused(label, e.getMessage());
        }
        return ToolPlan.ready(label, inputs, tool.askFirst(), () -> run(action, inputs));
    }

    private ToolResult run(ToolAction action, Map<String, String> inputs) {
        try {
            RunResult r = runner.run(ownerId, action.actionId(), inputs);
            String body = r.bodyCut() ? r.body() + "\n[cut: the response was longer than Agento keeps]" : r.body();
            return new ToolResult(r.succeeded(), r.status(), r.durationMs(), r.outcome(), body);
        } catch (ConnectorNotFoundException gone) {
            return ToolResult.failed("This action no longer exists.");
        }
    }

    private static String description(ToolAction action) {
        String what = action.description() == null || action.description().isBlank() ? action.name()
                : action.description().strip();
        String text = what + " (" + action.method() + " " + action.path() + " on " + action.connectorName() + ")";
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION);
    }
}
