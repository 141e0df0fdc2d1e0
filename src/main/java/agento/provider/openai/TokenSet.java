package agento.provider.openai;

import java.time.Instant;
import java.util.Objects;

/**
 * Tokens from the token endpoint. {@code refreshToken} is null when a refresh did not rotate it (keep the old
 * one); {@code idToken} is null when none was sent; {@code expiresAt} is null when the server gave neither
 * {@code expires_in} nor a JWT {@code exp}: treat the expiry as unknown, never guess a lifetime.
 */
public record TokenSet(String accessToken, String refreshToken, String idToken, Instant expiresAt) {

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** Expiry from {@code expires_in} counted from when the request was sent, else the access token's JWT exp. */
    static TokenSet fromResponse(String accessToken, String refreshToken, String idToken, Integer expiresIn,
                                 Instant requestedAt) {
        Instant expiresAt = expiresIn != null ? requestedAt.plusSeconds(expiresIn)
                : JwtPayload.expiry(accessToken).orElse(null);
        return new TokenSet(accessToken, blankToNull(refreshToken), blankToNull(idToken), expiresAt);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=(hidden), refreshToken=" + (refreshToken == null ? "none" : "(hidden)")
                + ", idToken=" + (idToken == null ? "none" : "(hidden)") + ", expiresAt=" + expiresAt + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
