package agento.connectors.core;

import agento.connectors.text.Lines;
import agento.connectors.text.Placeholders;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A row of {@code connector_actions}: one request a connector can make, with {{input.x}} and {{NAME}} in it. */
public record Action(long id, long connectorId, String name, String description, String method, String path,
                     String query, String headers, String bodyTemplate, Instant createdAt, Instant updatedAt) {

    /** The names of the {{input.x}} placeholders, in order of first use (path, query, headers, body). */
    public List<String> inputs() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : new String[] {path, query, headers, bodyTemplate}) {
            names.addAll(Placeholders.inputs(part));
        }
        return List.copyOf(names);
    }

    /** The variables referenced in query, headers and body. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (String part : new String[] {query, headers, bodyTemplate}) {
            names.addAll(Placeholders.variables(part));
        }
        return names;
    }

    public List<Map.Entry<String, String>> queryPairs() {
        return Lines.pairs(query, '=');
    }

    public List<Map.Entry<String, String>> headerPairs() {
        return Lines.pairs(headers, ':');
    }

    public boolean hasBody() {
        return bodyTemplate != null && !bodyTemplate.isBlank();
    }
}
