package agento.tools.run;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's arguments checked against the tool's schema before anything is sent: a JSON object with exactly the
 * action's {@code {{input.x}}} names, each a string of at most {@value #MAX_VALUE} characters. They fill the inputs
 * only: the runner puts them where {@code {{input.x}}} stands, never into the base URL or a variable.
 */
final class ToolArguments {
    static final int MAX_VALUE = 4000;

    /** Why the arguments do not fit; the message is told to the model. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private ToolArguments() {}

    static Map<String, String> parse(String arguments, List<String> inputs) throws Invalid {
        String text = arguments == null || arguments.isBlank() ? "{}" : arguments;
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (Exception notJson) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("The arguments must be a JSON object" + takes(inputs));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!inputs.contains(field.getKey())) {
                throw new Invalid("Unknown input \"" + field.getKey() + "\"" + takes(inputs));
            }
            if (!field.getValue().isTextual()) {
                throw new Invalid("The input \"" + field.getKey() + "\" must be a string.");
            }
            if (field.getValue().asText().length() > MAX_VALUE) {
                throw new Invalid("The input \"" + field.getKey() + "\" is longer than " + MAX_VALUE + " characters.");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        for (String input : inputs) {
            if (!values.containsKey(input)) {
                throw new Invalid("The input \"" + input + "\" is missing" + takes(inputs));
            }
        }
        return values;
    }

    private static String takes(List<String> inputs) {
        return inputs.isEmpty() ? ": this tool takes no inputs."
                : ": this tool takes the inputs " + String.join(", ", inputs) + ", each a string.";
    }
}
