package agento.provider.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The query parameters the authorization server sent back, from the callback request or a pasted address. */
public record OAuthCallback(String state, String code, String error, String errorDescription, String issuer) {

    public static OAuthCallback of(Map<String, String> params) {
        return new OAuthCallback(params.get("state"), params.get("code"), params.get("error"),
                params.get("error_description"), params.get("iss"));
    }

    /** Reads a pasted callback address such as {@code http://localhost:1455/auth/callback?code=...&state=...}. */
    public static OAuthCallback parsePasted(String address) {
        String text = address == null ? "" : address.strip();
        int query = text.indexOf('?');
        if (text.isEmpty() || query < 0) {
            return new OAuthCallback(null, null, null, null, null);
        }
        String raw = text.substring(query + 1);
        int fragment = raw.indexOf('#');
        if (fragment >= 0) {
            raw = raw.substring(0, fragment);
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return of(params);
    }

    /** The same callback with empty parameters read as absent. */
    public OAuthCallback withoutBlanks() {
        return new OAuthCallback(blank(state), blank(code), blank(error), blank(errorDescription), blank(issuer));
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return "OAuthCallback[state=(hidden), code=" + (code == null ? "none" : "(hidden)") + ", error=" + error + "]";
    }
}
