package agento.runtime.toolbox;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A call checked and ready to run, or refused: the name the conversation shows ("List models · OpenAI"), the inputs
 * the model gave, whether the person must Allow it first, and the run itself (null when refused).
 */
public record ToolPlan(String label, Map<String, String> inputs, boolean askFirst, String refusal,
                       Supplier<ToolResult> runner) {

    public ToolPlan {
        inputs = Map.copyOf(inputs);
    }

    public static ToolPlan ready(String label, Map<String, String> inputs, boolean askFirst,
                                 Supplier<ToolResult> runner) {
        return new ToolPlan(label, inputs, askFirst, null, runner);
    }

    public static ToolPlan refused(String label, String why) {
        return new ToolPlan(label, Map.of(), false, why, null);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
