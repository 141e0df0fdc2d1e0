package agento.provider.openai;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error part of a provider answer. Reads both OAuth's {"error":"code","error_description":".."} and
 * OpenAI's {"error":{"message":"..","type":"..","code":".."}}; any field may be null.
 */
record ProviderErrorBody(String code, String type, String message) {

    private static final ProviderErrorBody NONE = new ProviderErrorBody(null, null, null);
    private static final String SCOPE = "[a-z0-9_]+(?:\\.[a-z0-9_]+)*";
    private static final Pattern MISSING_SCOPES =
            Pattern.compile("Missing scopes: (" + SCOPE + "(?:\\s*,\\s*" + SCOPE + ")*)", Pattern.CASE_INSENSITIVE);

    static ProviderErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return NONE;
        }
        try {
            JsonNode root = Json.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                return NONE;
            }
            JsonNode error = root.path("error");
            if (error.isTextual()) {
                return new ProviderErrorBody(error.asText(), null, text(root, "error_description"));
            }
            if (error.isObject()) {
                String code = text(error, "code");
                return new ProviderErrorBody(code != null ? code : text(root, "code"), text(error, "type"),
                        text(error, "message"));
            }
            return new ProviderErrorBody(text(root, "code"), null, text(root, "message"));
        } catch (Exception notJson) {
            return NONE;
        }
    }

    /** OpenAI puts "insufficient_quota" in the code, the type or both. */
    boolean isInsufficientQuota() {
        return "insufficient_quota".equals(code) || "insufficient_quota".equals(type);
    }

    /** "… Missing scopes: api.model.read. …" → "model listing (api.model.read)". */
    String missingPermission() {
        if ("unsupported_country_region_territory".equals(code)) {
            return "OpenAI from this country or region";
        }
        Matcher scopes = MISSING_SCOPES.matcher(message == null ? "" : message);
        if (!scopes.find()) {
            return "this part of the OpenAI API";
        }
        List<String> readable = new ArrayList<>();
        for (String scope : scopes.group(1).split("\\s*,\\s*")) {
            readable.add(describeScope(scope));
        }
        return String.join(", ", readable);
    }

    private static String describeScope(String scope) {
        String what = switch (scope) {
            case "api.model.read" -> "model listing";
            case "model.request" -> "model requests";
            case "api.responses.write" -> "the Responses API";
            case "api.chat.completions.write" -> "chat completions";
            default -> null;
        };
        return what == null ? scope : what + " (" + scope + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
