package agento.provider.openai;

import java.util.Objects;

/**
 * Sign in with a code (OpenAI's device authorization): where Agento asks for a code ({@code authUrl + "/usercode"})
 * and polls for the answer ({@code authUrl + "/token"}), the page where the person enters the code, and the
 * constant redirect URI the resulting authorization code is exchanged with.
 */
public record DeviceAuthSettings(String authUrl, String verifyUrl, String redirectUri) {
    public static final String OPENAI_AUTH_URL = "https://auth.openai.com/api/accounts/deviceauth";
    public static final String OPENAI_VERIFY_URL = "https://auth.openai.com/codex/device";
    public static final String OPENAI_REDIRECT_URI = "https://auth.openai.com/deviceauth/callback";

    public DeviceAuthSettings {
        Objects.requireNonNull(authUrl, "authUrl");
        Objects.requireNonNull(verifyUrl, "verifyUrl");
        Objects.requireNonNull(redirectUri, "redirectUri");
    }

    public String userCodeUrl() {
        return authUrl + "/usercode";
    }

    public String tokenUrl() {
        return authUrl + "/token";
    }
}
