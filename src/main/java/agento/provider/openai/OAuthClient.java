package agento.provider.openai;

/**
 * Authorization code + PKCE against an OAuth authorization server. Our own small interface so the library
 * behind it stays replaceable. Every call has a connect and a total timeout and throws {@link OAuthFailure}.
 */
public interface OAuthClient {

    /** The registration this client talks to (endpoints, client id, redirect URI, expected issuer). */
    OAuthSettings settings();

    /** A fresh S256 PKCE verifier and the authorization URL carrying its challenge and this state. */
    AuthorizationRequest startAuthorization(String state);

    /** Exchanges a callback code, sending the configured redirect URI byte-identical to the authorize one. */
    TokenSet exchangeCode(String code, String codeVerifier);

    /** A new token set; its refresh token is null when the server did not rotate it (keep the old one). */
    TokenSet refresh(String refreshToken);

    /** RFC 7009 revocation with token_type_hint=refresh_token. */
    void revoke(String refreshToken);

    /**
     * The same registration with another constant redirect URI: sign in with a code exchanges its authorization
     * code with the device redirect URI.
     */
    OAuthClient withRedirectUri(String redirectUri);
}
