package agento.connectors.core;

import agento.vault.SecretRef;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A row of {@code connectors}. {@code authKey} is the header name (Header Auth), the query parameter name (Query
 * Param Auth) or the user name (Basic Auth); the secret itself is in the vault under {@link #secretRef()}.
 */
public record Connector(long id, long ownerId, String name, String description, String baseUrl, String authType,
                        String apiKeyIn, String authKey, String authPattern, String secretHint, String secretRefs,
                        Instant createdAt, Instant updatedAt) {

    public AuthType auth() {
        return AuthType.fromColumn(authType);
    }

    public boolean apiKeyInQuery() {
        return auth() == AuthType.API_KEY && "query".equals(apiKeyIn);
    }

    /** The variables the stored secret refers to (names only; they are not secret). */
    public List<String> secretVariables() {
        return secretRefs == null || secretRefs.isBlank() ? List.of() : Arrays.asList(secretRefs.split(","));
    }

    /** Where the API key, password or token of this connector is kept. */
    public SecretRef secretRef() {
        return secretRef(id);
    }

    public static SecretRef secretRef(long connectorId) {
        return SecretRef.of("connector", connectorId, "auth_secret");
    }

    /** "Header Auth", "Query Param Auth", or the type's label. */
    public String authLabel() {
        if (auth() == AuthType.API_KEY) {
            return apiKeyInQuery() ? "Api Key Auth · Query Param Auth" : "Api Key Auth · Header Auth";
        }
        return auth().label();
    }
}
