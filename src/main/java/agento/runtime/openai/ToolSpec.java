package agento.runtime.openai;

import java.util.List;

/**
 * A function tool offered to the model: a name it calls it by ({@code ^[a-zA-Z0-9_-]{1,64}$}), what it does, and its
 * parameters, every one a required string (the JSON schema is built from them when the request is written).
 */
public record ToolSpec(String name, String description, List<String> parameters) {
    public ToolSpec {
        parameters = List.copyOf(parameters);
    }
}
