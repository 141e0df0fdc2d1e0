package agento.connectors.text;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Query parameters ({@code name=value}) and headers ({@code Name: value}) as a person types them, one per line. */
public final class Lines {
    private Lines() {}

    /** The pairs of {@code text}, blank lines skipped; values trimmed. */
    public static List<Map.Entry<String, String>> pairs(String text, char separator) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (text == null) {
            return pairs;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int at = line.indexOf(separator);
            String name = at < 0 ? line.strip() : line.substring(0, at).strip();
            String value = at < 0 ? "" : line.substring(at + 1).strip();
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
        return pairs;
    }

    /** The line that has no separator or no name, as a message; null when every line is a pair. */
    public static String problem(String text, char separator, String example) {
        if (text == null) {
            return null;
        }
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int at = line.indexOf(separator);
            if (at <= 0 || line.substring(0, at).isBlank()) {
                return "Line " + number + " should look like " + example + ".";
            }
        }
        return null;
    }

    /** The pairs back as text, one per line. */
    public static String join(List<Map.Entry<String, String>> pairs, String separator) {
        StringBuilder text = new StringBuilder();
        pairs.forEach(p -> text.append(text.length() == 0 ? "" : "\n").append(p.getKey()).append(separator)
                .append(p.getValue()));
        return text.toString();
    }
}
