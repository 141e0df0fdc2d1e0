package agento.connectors.draft;

import agento.connectors.core.ActionInput;
import agento.connectors.core.AuthType;
import agento.connectors.core.ConnectorInput;
import agento.connectors.text.Placeholders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A new-connector form filled in for the person (a template, an imported cURL command), not saved yet. */
public record ConnectorDraft(ConnectorInput connector, ActionInput action) {

    /** The variables the draft refers to that the person does not have yet (the form asks for their values). */
    public List<String> missingVariables(Set<String> existing) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {connector.apiKey(), connector.password(), connector.token(), action.query(),
            action.headers(), action.body()}) {
            names.addAll(Placeholders.variables(text));
        }
        names.removeAll(existing);
        return new ArrayList<>(names);
    }

    /** The OpenAI template: the guide's configuration plus a "List models" action. */
    public static ConnectorDraft openAi(String apiBase) {
        boolean v1 = apiBase.endsWith("/v1");
        String base = v1 ? apiBase.substring(0, apiBase.length() - 3) : apiBase;
        return new ConnectorDraft(
                new ConnectorInput("OpenAI", "The OpenAI API.", base, AuthType.API_KEY.column(), "header",
                        "Authorization", "Bearer %s", "", "{{OPENAI_API_KEY}}", "", "", ""),
                new ActionInput("List models", "Lists the models the key can use.", "GET",
                        v1 ? "/v1/models" : "/models", "", "", ""));
    }
}
