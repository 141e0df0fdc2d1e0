package agento.connectors.run;

import agento.common.PinnedRequest;
import agento.connectors.core.Action;
import agento.connectors.core.AuthType;
import agento.connectors.core.Connector;
import agento.connectors.text.Placeholders;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds the request of one run: {{NAME}} and {{input.x}} filled in (encoded for where they go: a path segment, a
 * query value, a JSON string), and the connector's credential added as its Auth Config says.
 */
final class RequestBuilder {
    private final Map<String, String> variables;
    private final Map<String, String> inputs;

    RequestBuilder(Map<String, String> variables, Map<String, String> inputs) {
        this.variables = variables;
        this.inputs = inputs;
    }

    PinnedRequest build(Connector connector, Action action, String credential) {
        StringBuilder url = new StringBuilder(connector.baseUrl());
        url.append(Placeholders.substitute(action.path(), ref -> pathSegment(value(ref))));
        List<String> query = new ArrayList<>();
        for (Map.Entry<String, String> pair : action.queryPairs()) {
            query.add(encode(pair.getKey()) + "=" + encode(fill(pair.getValue())));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> pair : action.headerPairs()) {
            headers.add(header(pair.getKey(), fill(pair.getValue())));
        }
        if (credential != null) {
            String secret = fill(credential);
            if (connector.apiKeyInQuery()) {
                query.add(encode(connector.authKey()) + "=" + encode(secret));
            } else if (connector.auth() == AuthType.API_KEY) {
                headers.add(header(connector.authKey(), connector.authPattern().replace("%s", secret)));
            } else if (connector.auth() == AuthType.BASIC) {
                String pair = (connector.authKey() == null ? "" : connector.authKey()) + ":" + secret;
                headers.add(header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
            } else if (connector.auth() == AuthType.BEARER) {
                headers.add(header("Authorization", "Bearer " + secret));
            }
        }
        if (!query.isEmpty()) {
            url.append('?').append(String.join("&", query));
        }
        byte[] body = null;
        if (action.hasBody()) {
            body = Placeholders.substitute(action.bodyTemplate(), ref -> json(value(ref)))
                    .getBytes(StandardCharsets.UTF_8);
            if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
                headers.add(header("Content-Type", "application/json"));
            }
        }
        if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Accept"))) {
            headers.add(header("Accept", "application/json, */*;q=0.5"));
        }
        return new PinnedRequest(action.method(), URI.create(url.toString()), headers, body);
    }

    private String fill(String text) {
        return Placeholders.substitute(text, this::value);
    }

    private String value(String ref) {
        String input = Placeholders.inputName(ref);
        String value = input != null ? inputs.get(input) : variables.get(ref);
        return value == null ? "" : value;
    }

    private static Map.Entry<String, String> header(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An input in the path stays one segment: "/" and every other reserved character is encoded. */
    private static String pathSegment(String value) {
        return encode(value);
    }

    /** The value as the inside of a JSON string. */
    static String json(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
