package agento.agents;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a model id reads on a page: the agent's model on Overview, the options of the model select. */
public final class ModelLabel {
    private static final Pattern DATE_SUFFIX = Pattern.compile("^(.*)-(\\d{4}-\\d{2}-\\d{2})$");

    private ModelLabel() {}

    /** "gpt-4o-mini" → "GPT-4o mini", "o3-mini" → "o3 mini", "gpt-4o-2024-08-06" → "GPT-4o (2024-08-06)". */
    public static String of(String id) {
        String name = id;
        String date = null;
        Matcher dated = DATE_SUFFIX.matcher(id);
        if (dated.matches()) {
            name = dated.group(1);
            date = dated.group(2);
        }
        String[] parts = name.split("-");
        StringBuilder label = new StringBuilder();
        int next = 1;
        if ((parts[0].equals("gpt") || parts[0].equals("chatgpt")) && parts.length > 1) {
            label.append(parts[0].equals("gpt") ? "GPT-" : "ChatGPT-").append(parts[1]);
            next = 2;
        } else {
            label.append(parts[0]);
        }
        for (int i = next; i < parts.length; i++) {
            label.append(' ').append(parts[i]);
        }
        if (date != null) {
            label.append(" (").append(date).append(')');
        }
        return label.toString();
    }
}
