package agento.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;

/** Who signed in: from the id token's {@code email} and its {@code https://api.openai.com/auth} claim. */
public record IdTokenClaims(String email, String accountId, String planType) {

    private static final String OPENAI_AUTH_CLAIM = "https://api.openai.com/auth";

    /**
     * Decodes the payload only: the id token came straight from the token endpoint over TLS, so its signature
     * adds nothing here. Missing claims are null; a token that is not a JWT throws IllegalArgumentException.
     */
    public static IdTokenClaims parse(String idToken) {
        JsonNode claims = JwtPayload.claims(idToken);
        JsonNode auth = claims.path(OPENAI_AUTH_CLAIM);
        return new IdTokenClaims(text(claims, "email"), text(auth, "chatgpt_account_id"),
                text(auth, "chatgpt_plan_type"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
