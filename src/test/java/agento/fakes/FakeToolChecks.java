package agento.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** What the Responses API refuses about function tools and their items, with its wording; null when all is well. */
final class FakeToolChecks {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private FakeToolChecks() {}

    static String problem(JsonNode body) {
        JsonNode tools = body.path("tools");
        if (!tools.isMissingNode()) {
            if (!tools.isArray()) {
                return "Invalid type for 'tools': expected an array.";
            }
            for (int i = 0; i < tools.size(); i++) {
                String problem = tool(tools.get(i), "tools[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        }
        JsonNode choice = body.path("tool_choice");
        if (!choice.isMissingNode() && !Set.of("auto", "none", "required").contains(choice.asText())) {
            return "Invalid value for 'tool_choice'.";
        }
        Set<String> calls = new HashSet<>();
        for (JsonNode item : body.path("input")) {
            String type = item.path("type").asText("message");
            if (type.equals("function_call")) {
                if (!item.path("call_id").isTextual() || !item.path("name").isTextual()
                        || !item.path("arguments").isTextual()) {
                    return "Missing required parameter: 'input[].call_id', 'name' or 'arguments'.";
                }
                calls.add(item.path("call_id").asText());
            } else if (type.equals("function_call_output")) {
                if (!calls.contains(item.path("call_id").asText()) || !item.path("output").isTextual()) {
                    return "No tool call found for function call output with call_id "
                            + item.path("call_id").asText() + ".";
                }
            }
        }
        return null;
    }

    private static String tool(JsonNode tool, String where) {
        if (!"function".equals(tool.path("type").asText())) {
            return "Invalid value for '" + where + ".type'.";
        }
        if (!NAME.matcher(tool.path("name").asText()).matches()) {
            return "Invalid '" + where + ".name': string does not match pattern. Expected a string that matches "
                    + "the pattern '^[a-zA-Z0-9_-]+$'.";
        }
        JsonNode parameters = tool.path("parameters");
        if (!"object".equals(parameters.path("type").asText()) || !parameters.path("properties").isObject()) {
            return "Invalid schema for function '" + tool.path("name").asText() + "': schema must be a JSON Schema "
                    + "of 'type: \"object\"'.";
        }
        if (tool.path("strict").asBoolean(false)) {
            if (parameters.path("additionalProperties").asBoolean(true)) {
                return "Invalid schema for function '" + tool.path("name").asText() + "': 'additionalProperties' "
                        + "is required to be supplied and to be false.";
            }
            Set<String> required = new HashSet<>();
            parameters.path("required").forEach(r -> required.add(r.asText()));
            for (var names = parameters.path("properties").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!required.contains(name)) {
                    return "Invalid schema for function '" + tool.path("name").asText() + "': 'required' is "
                            + "required to include every key in properties. Missing '" + name + "'.";
                }
            }
        }
        return null;
    }
}
