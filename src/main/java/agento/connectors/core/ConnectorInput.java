package agento.connectors.core;

import agento.connectors.text.Placeholders;

/**
 * The connector form as typed. Only the fields of the chosen Auth Config count; a blank secret (Api Key, Password,
 * Token) keeps the stored one.
 */
public record ConnectorInput(String name, String description, String baseUrl, String authType, String apiKeyIn,
                             String headerKey, String headerPattern, String queryName, String apiKey, String username,
                             String password, String token) implements java.io.Serializable {

    public static ConnectorInput empty() {
        return new ConnectorInput("", "", "", "none", "header", "", "", "", "", "", "", "");
    }

    /** The form showing a stored connector (secrets stay blank: write-only). */
    public static ConnectorInput of(Connector c) {
        boolean query = c.apiKeyInQuery();
        boolean header = c.auth() == AuthType.API_KEY && !query;
        return new ConnectorInput(c.name(), c.description() == null ? "" : c.description(), c.baseUrl(),
                c.authType(), query ? "query" : "header", header ? c.authKey() : "", header ? c.authPattern() : "",
                query ? c.authKey() : "", "", c.auth() == AuthType.BASIC ? c.authKey() : "", "", "");
    }

    /** The secret typed for the chosen type, and the field it was typed in. */
    String secret() {
        return switch (secretField()) {
            case "apiKey" -> apiKey;
            case "password" -> password;
            case "token" -> token;
            default -> "";
        };
    }

    String secretField() {
        AuthType type = AuthType.parse(authType);
        return type == AuthType.API_KEY ? "apiKey" : type == AuthType.BASIC ? "password"
                : type == AuthType.BEARER ? "token" : "";
    }

    /** The same form with every secret field blanked, for showing it again. */
    public ConnectorInput withoutSecrets() {
        return new ConnectorInput(name, description, baseUrl, authType, apiKeyIn, headerKey, headerPattern, queryName,
                keepIfReference(apiKey), username, keepIfReference(password), keepIfReference(token));
    }

    private static String keepIfReference(String value) {
        return Placeholders.onlyReferences(value) ? value : "";
    }
}
