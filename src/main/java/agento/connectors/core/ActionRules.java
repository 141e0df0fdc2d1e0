package agento.connectors.core;

import agento.common.Json;
import agento.connectors.text.Lines;
import agento.connectors.text.Placeholders;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.Set;

/** Checks a typed action; problems go next to their field ({@code prefix} + field name). */
final class ActionRules {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_BODY = 65536;

    /** A checked action, ready to store (blank parts are null). */
    record Checked(String name, String description, String method, String path, String query, String headers,
                   String body) {}

    private ActionRules() {}

    static Checked check(ActionInput in, Set<String> variables, String prefix, Map<String, String> errors) {
        String method = ConnectorRules.strip(in.method()).toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(method)) {
            errors.put(prefix + "method", "Choose GET, POST, PUT, PATCH or DELETE.");
        }
        String path = ConnectorRules.strip(in.path());
        if (!path.startsWith("/")) {
            errors.put(prefix + "path", "The path starts with /, for example /v1/models.");
        } else if (path.length() > 2000 || path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
            errors.put(prefix + "path", "Use at most 2000 characters, no spaces, and no ? or # (query parameters "
                    + "have their own field).");
        } else {
            problem(prefix + "path", Placeholders.problem(path, true, false, variables), errors);
        }
        String name = ConnectorRules.strip(in.name());
        if (name.isEmpty()) {
            name = method + " " + path;
        }
        ConnectorRules.text(prefix + "name", name, ConnectorRules.MAX_NAME, true, errors);
        String description = ConnectorRules.strip(in.description());
        ConnectorRules.text(prefix + "description", description, ConnectorRules.MAX_DESCRIPTION, false, errors);
        String query = ConnectorRules.strip(in.query());
        if (query.length() > 8000) {
            errors.put(prefix + "query", "Use at most 8000 characters.");
        } else if (!problem(prefix + "query", Lines.problem(query, '=', "name=value"), errors)) {
            problem(prefix + "query", Placeholders.problem(query, true, true, variables), errors);
        }
        String headers = ConnectorRules.strip(in.headers());
        headers(prefix + "headers", headers, variables, errors);
        String body = ConnectorRules.strip(in.body());
        body(prefix + "body", body, method, variables, errors);
        return new Checked(name, description, method, path, blankToNull(query), blankToNull(headers), blankToNull(body));
    }

    private static void headers(String field, String headers, Set<String> variables, Map<String, String> errors) {
        if (headers.length() > 8000) {
            errors.put(field, "Use at most 8000 characters.");
            return;
        }
        if (problem(field, Lines.problem(headers, ':', "Name: value"), errors)) {
            return;
        }
        for (Map.Entry<String, String> header : Lines.pairs(headers, ':')) {
            ConnectorRules.headerName(field, header.getKey(), errors);
            if (errors.containsKey(field)) {
                return;
            }
        }
        problem(field, Placeholders.problem(headers, true, true, variables), errors);
    }

    private static void body(String field, String body, String method, Set<String> variables,
                             Map<String, String> errors) {
        if (body.isEmpty()) {
            return;
        }
        if (method.equals("GET")) {
            errors.put(field, "A GET request has no body: choose POST, PUT, PATCH or DELETE, or leave it empty.");
        } else if (body.length() > MAX_BODY) {
            errors.put(field, "Use at most " + MAX_BODY + " characters.");
        } else if (!problem(field, Placeholders.problem(body, true, true, variables), errors)) {
            try {
                Json.mapper().readTree(Placeholders.substitute(body, ref -> "0"));
            } catch (JsonProcessingException e) {
                errors.put(field, e.getLocation() == null ? "The body is not valid Json.mapper()." : "The body is not valid JSON "
                        + "(line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
            }
        }
    }

    /** Puts {@code message} (when there is one) and says whether it did. */
    private static boolean problem(String field, String message, Map<String, String> errors) {
        if (message != null) {
            errors.putIfAbsent(field, message);
        }
        return message != null;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
