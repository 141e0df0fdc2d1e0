package agento.provider.openai;

/** Where to send the browser, and the PKCE verifier to keep server-side until the callback. */
public record AuthorizationRequest(String url, String codeVerifier) {

    @Override
    public String toString() {
        return "AuthorizationRequest[url=" + url + ", codeVerifier=(hidden)]";
    }
}
