package agento.web.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template expression of the one shape our templates use most: a variable followed by record accessors, each
 * with no argument or one string literal ({@code agent.id()}, {@code conn.is('connected')}, {@code m.time()}).
 * Anything else (operators, properties without parentheses, {@code #utility} objects, indexing) does not parse here.
 */
record AccessorPath(String variable, List<Call> calls) {
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern WHOLE =
            Pattern.compile("\\s*(" + NAME + ")((?:\\.\\s*" + NAME + "\\((?:\\s*'[^'\\\\]*'\\s*)?\\))*)\\s*");
    private static final Pattern CALL = Pattern.compile("\\.\\s*(" + NAME + ")\\((?:\\s*'([^'\\\\]*)'\\s*)?\\)");

    /** One accessor; {@code argument} is null when the call has none. */
    record Call(String name, String argument) {}

    /** The parsed path, or null when the expression has another shape. */
    static AccessorPath parse(String expression) {
        Matcher whole = WHOLE.matcher(expression);
        if (!whole.matches() || isKeyword(whole.group(1))) {
            return null;
        }
        List<Call> calls = new ArrayList<>();
        Matcher call = CALL.matcher(whole.group(2));
        while (call.find()) {
            calls.add(new Call(call.group(1), call.group(2)));
        }
        return new AccessorPath(whole.group(1), List.copyOf(calls));
    }

    private static boolean isKeyword(String name) {
        return switch (name) {
            case "true", "false", "null", "not", "and", "or", "new", "this", "root" -> true;
            default -> false;
        };
    }
}
