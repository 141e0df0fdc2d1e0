package agento.tools.run;

import agento.connectors.core.ToolAction;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names the model calls tools by: connector and action in snake case ("openai_list_models"), at most 64 of
 * {@code [a-z0-9_]}; when two would clash, the later gets its action id ("..._42"). The same actions always get the
 * same names.
 */
final class ToolNames {
    static final int MAX = 64;

    private ToolNames() {}

    /** Each action by its tool name, in the order given (sorted by action id, so names stay stable). */
    static Map<String, ToolAction> assign(List<ToolAction> actions) {
        Map<String, ToolAction> byName = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        actions.stream().sorted(java.util.Comparator.comparingLong(ToolAction::actionId)).forEach(a -> {
            String name = cut(slug(a.connectorName()) + "_" + slug(a.name()), MAX);
            if (!taken.add(name)) {
                String suffix = "_" + a.actionId();
                name = cut(name, MAX - suffix.length()) + suffix;
                taken.add(name);
            }
            byName.put(name, a);
        });
        return byName;
    }

    static String slug(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = plain.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "action" : slug;
    }

    private static String cut(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max).replaceAll("_+$", "");
    }
}
