package agento.provider.openai;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One OAuth registration: endpoints, public client id, scopes and the constant redirect URI.
 * {@code revokeUrl} and {@code expectedIssuer} may be null.
 */
public record OAuthSettings(String authorizeUrl, String tokenUrl, String revokeUrl, String clientId, String scopes,
                            String redirectUri, Map<String, String> extraAuthorizeParams, String expectedIssuer) {

    public static final String OPENAI_ISSUER = "https://auth.openai.com";
    public static final String OPENAI_SCOPES = "openid profile email offline_access";

    // parameters the client sets itself; configuration must not be able to override PKCE or the redirect
    private static final Set<String> RESERVED = Set.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "code_challenge", "code_challenge_method");

    public OAuthSettings {
        requireText(authorizeUrl, "authorizeUrl");
        requireText(tokenUrl, "tokenUrl");
        requireText(clientId, "clientId");
        requireText(redirectUri, "redirectUri");
        scopes = scopes == null ? "" : scopes.trim();
        extraAuthorizeParams = extraAuthorizeParams == null ? Map.of() : Map.copyOf(extraAuthorizeParams);
        for (String name : extraAuthorizeParams.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("extraAuthorizeParams must not set " + name);
            }
        }
    }

    /** OpenAI's endpoints under an issuer base URL such as https://auth.openai.com. */
    public static OAuthSettings forIssuer(String issuer, String clientId, String scopes, String redirectUri,
                                          Map<String, String> extraAuthorizeParams) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return new OAuthSettings(base + "/oauth/authorize", base + "/oauth/token", base + "/oauth/revoke", clientId,
                scopes, redirectUri, extraAuthorizeParams, base);
    }

    /** These settings with another constant redirect URI. */
    public OAuthSettings withRedirectUri(String otherRedirectUri) {
        return new OAuthSettings(authorizeUrl, tokenUrl, revokeUrl, clientId, scopes, otherRedirectUri,
                extraAuthorizeParams, expectedIssuer);
    }

    /** A callback's {@code iss} is acceptable when absent, when no issuer is expected, or when it matches exactly. */
    public boolean acceptsIssuer(String callbackIssuer) {
        return callbackIssuer == null || expectedIssuer == null || expectedIssuer.equals(callbackIssuer);
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
