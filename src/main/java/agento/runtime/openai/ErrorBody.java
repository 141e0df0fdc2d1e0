package agento.runtime.openai;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The error in a Responses answer: OpenAI's {"error":{"message","type","code"}}, the ChatGPT backend's
 * {"detail":"..."} and its usage limit {"error":{"type":"usage_limit_reached","resets_at":...}}, and the
 * stream's {"type":"error","code","message"}. Any field may be null.
 */
record ErrorBody(String code, String type, String message, Instant resetsAt) {

    static final ErrorBody NONE = new ErrorBody(null, null, null, null);

    static ErrorBody parse(String body, Instant now) {
        try {
            JsonNode root = Json.mapper().readTree(body == null ? "" : body);
            return root == null || !root.isObject() ? NONE : of(root, now);
        } catch (Exception notJson) {
            return NONE;
        }
    }

    static ErrorBody of(JsonNode root, Instant now) {
        JsonNode error = root.path("error");
        if (error.isObject()) {
            return new ErrorBody(text(error, "code"), text(error, "type"), text(error, "message"),
                    resetsAt(error, now));
        }
        if (error.isTextual()) {
            return new ErrorBody(error.asText(), null, text(root, "error_description"), null);
        }
        JsonNode detail = root.path("detail");
        if (detail.isTextual()) {
            return new ErrorBody(null, null, detail.asText(), null);
        }
        if (detail.isObject()) {
            return new ErrorBody(text(detail, "code"), text(detail, "type"), text(detail, "message"), null);
        }
        return new ErrorBody(text(root, "code"), null, text(root, "message"), null);
    }

    boolean is(String what) {
        return what.equals(code) || what.equals(type);
    }

    private static Instant resetsAt(JsonNode error, Instant now) {
        if (error.path("resets_at").canConvertToLong()) {
            return Instant.ofEpochSecond(error.path("resets_at").asLong());
        }
        if (error.path("resets_in_seconds").canConvertToLong()) {
            return now.plusSeconds(error.path("resets_in_seconds").asLong());
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
