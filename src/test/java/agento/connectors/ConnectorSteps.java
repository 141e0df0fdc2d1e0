package agento.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.WebClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a person does with connectors, over HTTP: each step asserts that it worked. */
public final class ConnectorSteps {
    private static final Map<String, String> HTMX = Map.of("HX-Request", "true");

    private ConnectorSteps() {}

    public static void variable(WebClient client, String name, String value) {
        WebClient.Response r = client.post("/connectors/variables", Map.of("name", name, "value", value));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
    }

    /** The guide's connector: Api Key Auth, Header Auth, Authorization, "Bearer %s", with {@code apiKey}. */
    public static Map<String, String> headerAuth(String name, String baseUrl, String apiKey) {
        return fields("name", name, "baseUrl", baseUrl, "authType", "api_key", "apiKeyIn", "header",
                "headerKey", "Authorization", "headerPattern", "Bearer %s", "apiKey", apiKey);
    }

    public static long connector(WebClient client, Map<String, String> fields) {
        WebClient.Response r = client.post("/connectors", fields);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return Long.parseLong(r.location().replaceAll(".*/connectors/", ""));
    }

    public static long action(WebClient client, long connector, String method, String path, String... more) {
        Map<String, String> fields = fields(more);
        fields.put("method", method);
        fields.put("path", path);
        WebClient.Response r = client.post("/connectors/" + connector + "/actions", fields);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return Long.parseLong(r.location().replaceAll(".*/actions/", ""));
    }

    /** Clicks Test (as htmx does) and returns the result panel. */
    public static WebClient.Response test(WebClient client, long connector, long action, String... inputs) {
        Map<String, String> fields = fields(inputs);
        fields.put("_csrf", client.csrfToken());
        return client.postRaw("/connectors/" + connector + "/actions/" + action + "/test", fields, HTMX);
    }

    /** Pairs name, value, name, value... in order. */
    public static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    public static Map<String, String> with(Map<String, String> fields, String... pairs) {
        Map<String, String> copy = new HashMap<>(fields);
        copy.putAll(fields(pairs));
        return copy;
    }
}
