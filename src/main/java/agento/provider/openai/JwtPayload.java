package agento.provider.openai;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads a JWT's claims without verifying it: only for tokens received straight from the token endpoint over TLS. */
final class JwtPayload {


    private JwtPayload() {}

    /** The payload claims; IllegalArgumentException (never quoting the token) when it is not a JWT. */
    static JsonNode claims(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        JsonNode claims;
        try {
            claims = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("JWT payload is not base64url JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw new IllegalArgumentException("JWT payload is not a JSON object");
        }
        return claims;
    }

    /** The {@code exp} claim, if the token is a JWT that has one. */
    static Optional<Instant> expiry(String jwt) {
        try {
            JsonNode exp = claims(jwt).get("exp");
            return exp != null && exp.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(exp.asLong()))
                    : Optional.empty();
        } catch (IllegalArgumentException opaqueToken) {
            return Optional.empty();
        }
    }
}
