package agento.connectors.run;

import agento.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A response body as shown: JSON pretty-printed, anything else as it came; at most 256 KB. */
final class ResponseBody {
    static final int SHOWN = 256 * 1024;

    private ResponseBody() {}

    static String pretty(String body, String contentType) {
        String trimmed = body.strip();
        boolean looksJson = contentType != null && contentType.contains("json")
                || trimmed.startsWith("{") || trimmed.startsWith("[");
        if (looksJson && !trimmed.isEmpty()) {
            try {
                JsonNode tree = Json.mapper().readTree(trimmed);
                return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            } catch (JsonProcessingException e) {
                return body; // not JSON after all (or cut short): shown as it came
            }
        }
        return body;
    }

    /** The first {@code max} characters (never splitting a surrogate pair). */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
