package agento.connectors.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {{NAME}}} (a variable) and {@code {{input.name}}} (a value given at each run) references in a text. */
public final class Placeholders {
    private static final Pattern ANY = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    public static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern INPUT = Pattern.compile("input\\.([A-Za-z_][A-Za-z0-9_]{0,63})");
    private static final String INPUT_PREFIX = "input.";

    private Placeholders() {}

    /** The variable names referenced, in order of first use. */
    public static List<String> variables(String text) {
        return names(text, false);
    }

    /** The input names referenced ({@code {{input.x}}} gives x), in order of first use. */
    public static List<String> inputs(String text) {
        return names(text, true);
    }

    private static List<String> names(String text, boolean inputs) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = ANY.matcher(text);
            while (m.find()) {
                String ref = m.group(1);
                if (inputs && INPUT.matcher(ref).matches()) {
                    names.add(ref.substring(INPUT_PREFIX.length()));
                } else if (!inputs && VARIABLE_NAME.matcher(ref).matches()) {
                    names.add(ref);
                }
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * What is wrong with the references in {@code text} (in words for the person), or null: unknown forms, inputs
     * where they are not allowed, variables that do not exist.
     */
    public static String problem(String text, boolean inputsAllowed, boolean variablesAllowed, Set<String> known) {
        if (text == null) {
            return null;
        }
        Matcher m = ANY.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            if (INPUT.matcher(ref).matches()) {
                if (!inputsAllowed) {
                    return "{{" + ref + "}} can't be used here: inputs go in the path, query, headers or body.";
                }
            } else if (VARIABLE_NAME.matcher(ref).matches()) {
                if (!variablesAllowed) {
                    return "{{" + ref + "}} can't be used here: put variables in the query, headers or body.";
                }
                if (!known.contains(ref)) {
                    return "Unknown variable {{" + ref + "}}: create it under Variables first (or check the spelling).";
                }
            } else {
                return "{{" + ref + "}} is not a reference Agento knows: use {{NAME}} for a variable (A\u2013Z, 0\u20139, _)"
                        + " or {{input.name}} for an input.";
            }
        }
        return null;
    }

    /** True when {@code text} holds at least one reference and nothing else (spaces aside). */
    public static boolean onlyReferences(String text) {
        return text != null && ANY.matcher(text).find() && ANY.matcher(text).replaceAll("").isBlank();
    }

    /** {@code text} with each reference replaced by {@code value.apply("NAME" or "input.x")}. */
    public static String substitute(String text, UnaryOperator<String> value) {
        if (text == null) {
            return null;
        }
        return ANY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(value.apply(m.group(1))));
    }

    /** The reference's input name, or null when it is a variable. */
    public static String inputName(String ref) {
        return ref.startsWith(INPUT_PREFIX) ? ref.substring(INPUT_PREFIX.length()) : null;
    }
}
