package agento.provider.core;

import java.time.Instant;

/** What {@link Credentials#forAgent} hands a feature: a way to call OpenAI, or why there is none. */
public sealed interface Credential {

    /** An OpenAI API key, for {@code baseUrl} (the OpenAI API, e.g. https://api.openai.com/v1). */
    record ApiKey(String key, String baseUrl) implements Credential {
        @Override
        public String toString() {
            return "ApiKey[key=(hidden), baseUrl=" + baseUrl + "]";
        }
    }

    /** A ChatGPT access token from Sign in with OpenAI, for the ChatGPT backend at {@code baseUrl}. */
    record ChatGptToken(String accessToken, String accountId, String baseUrl, Instant expiresAt)
            implements Credential {
        @Override
        public String toString() {
            return "ChatGptToken[accessToken=(hidden), accountId=" + accountId + ", baseUrl=" + baseUrl
                    + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * No usable credential: {@code state} is null when the agent has no connection at all; {@code reason} is what a
     * person should read (and where to fix it).
     */
    record NotUsable(ConnectionState state, String reason) implements Credential {}
}
