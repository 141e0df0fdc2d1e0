package agento.runtime.openai;

import java.net.URI;
import java.util.Objects;

/**
 * Where a Responses request goes and how it authenticates: an API key against {@code {apiBase}/responses}, or a
 * ChatGPT sign-in against {@code {chatGptBase}/responses}. The credential never leaves this package:
 * there is no public getter, and {@link #toString()} leaves it out.
 */
public final class ResponsesTarget {

    /** The two OpenAI backends that speak the Responses API, with different rules. */
    public enum Backend { API_KEY, CHATGPT }

    private final String baseUrl;
    private final Backend backend;
    private final String bearer;
    private final String accountId;
    private final String originator;

    private ResponsesTarget(String baseUrl, Backend backend, String bearer, String accountId, String originator) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String scheme = URI.create(this.baseUrl).getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("base URL must be http or https: " + this.baseUrl);
        }
        this.backend = backend;
        this.bearer = Objects.requireNonNull(bearer, "credential");
        this.accountId = accountId;
        this.originator = originator;
    }

    /** An OpenAI API key, e.g. base "https://api.openai.com/v1". */
    public static ResponsesTarget apiKey(String apiBase, String apiKey) {
        return new ResponsesTarget(apiBase, Backend.API_KEY, apiKey, null, null);
    }

    /**
     * A ChatGPT sign-in, e.g. base "https://chatgpt.com/backend-api/codex"; the originator names the client
     * to the backend (Codex sends "codex_cli_rs").
     */
    public static ResponsesTarget chatGpt(String chatGptBase, String accessToken, String accountId,
            String originator) {
        return new ResponsesTarget(chatGptBase, Backend.CHATGPT, accessToken,
                Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(originator, "originator"));
    }

    public Backend backend() {
        return backend;
    }

    public String baseUrl() {
        return baseUrl;
    }

    String bearer() {
        return bearer;
    }

    String accountId() {
        return accountId;
    }

    String originator() {
        return originator;
    }

    @Override
    public String toString() {
        return "ResponsesTarget[" + backend + " " + baseUrl + (accountId == null ? "" : " account " + accountId)
                + ", credential hidden]";
    }
}
