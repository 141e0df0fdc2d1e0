package agento.provider.openai;

import java.util.Set;

/** A failed OAuth call, classified for what the caller should do next. Messages never carry tokens or codes. */
public class OAuthFailure extends RuntimeException {

    public enum Kind {
        /** The grant is dead (invalid_grant, refresh_token_reused/expired/invalidated): reconnect needed. */
        INVALID_GRANT,
        /** The user said no at the authorization server. */
        ACCESS_DENIED,
        /** Any other refusal (4xx): configuration or client problem, retrying will not help. */
        REJECTED,
        /** 5xx, 429, timeout, network or an unreadable answer: keep tokens, back off, retry. */
        TRANSIENT
    }

    private static final Set<String> DEAD_GRANT = Set.of("invalid_grant", "refresh_token_reused",
            "refresh_token_expired", "refresh_token_invalidated");

    private final Kind kind;
    private final String providerCode;

    public OAuthFailure(Kind kind, String providerCode, String message) {
        super(message);
        this.kind = kind;
        this.providerCode = providerCode;
    }

    /** The failure an error answer of the token or revocation endpoint stands for. */
    public static OAuthFailure fromResponse(int status, String body) {
        String code = safeCode(ProviderErrorBody.parse(body).code());
        String detail = " (" + (code == null ? "" : code + ", ") + "HTTP " + status + ")";
        if (status == 429 || status >= 500 || status < 400) {
            return new OAuthFailure(Kind.TRANSIENT, code, "The sign-in service is unavailable" + detail);
        }
        if (code != null && DEAD_GRANT.contains(code)) {
            return new OAuthFailure(Kind.INVALID_GRANT, code,
                    "The sign-in is no longer valid; sign in again" + detail);
        }
        if ("access_denied".equals(code)) {
            return new OAuthFailure(Kind.ACCESS_DENIED, code, "Access was denied" + detail);
        }
        return new OAuthFailure(Kind.REJECTED, code, "The sign-in service refused the request" + detail);
    }

    /** The failure an {@code error} parameter on the authorization callback stands for. */
    public static OAuthFailure fromCallbackError(String error) {
        String code = safeCode(error);
        if ("access_denied".equals(code)) {
            return new OAuthFailure(Kind.ACCESS_DENIED, code, "Access was denied at the sign-in page");
        }
        Kind kind = "temporarily_unavailable".equals(code) || "server_error".equals(code)
                ? Kind.TRANSIENT : Kind.REJECTED;
        return new OAuthFailure(kind, code, "The sign-in did not complete (" + code + ")");
    }

    static OAuthFailure transientFailure(String code, String message) {
        return new OAuthFailure(Kind.TRANSIENT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's error code (e.g. "refresh_token_reused"), or ours for local failures ("timeout"); may be null. */
    public String providerCode() {
        return providerCode;
    }

    // provider codes are short identifiers; anything else is not echoed
    private static String safeCode(String code) {
        return code != null && code.matches("[A-Za-z0-9_.\\-]{1,64}") ? code : null;
    }
}
