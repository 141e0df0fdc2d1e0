package agento.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The fake authorization server's codes and tokens; every method is atomic, so 50 concurrent callers are fine. */
final class IssuedGrants {

    /** Who a grant is for; grantId ties a code's access and (rotated) refresh tokens together. */
    record Identity(String subject, String email, String accountId, String planType, String clientId, String scope,
                    String grantId) {}

    /** How to mint tokens right now. */
    record Minting(String issuer, Duration accessLifetime, boolean rotateRefreshTokens, boolean sendExpiresIn,
                   Instant now) {}

    /** An HTTP answer of the token endpoint. */
    record Reply(int status, Map<String, Object> body) {}

    private record CodeGrant(Identity identity, String redirectUri, String challenge, Instant expiresAt) {}

    private record AccessGrant(Identity identity, Instant expiresAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[32];
    private final Map<String, CodeGrant> codes = new HashMap<>();
    private final Set<String> usedCodes = new HashSet<>();
    private final Map<String, Identity> refreshTokens = new HashMap<>();
    private final Set<String> usedRefreshTokens = new HashSet<>();
    private final Map<String, AccessGrant> accessTokens = new HashMap<>();
    private final Set<String> revokedAccessTokens = new HashSet<>();
    private final Set<String> revokedGrants = new HashSet<>();
    private final Map<String, Integer> refreshesByAccount = new HashMap<>();

    IssuedGrants() {
        random.nextBytes(signingKey);
    }

    String randomToken(String prefix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return prefix + BASE64URL.encodeToString(bytes);
    }

    synchronized String newCode(Identity identity, String redirectUri, String challenge, Instant expiresAt) {
        String code = randomToken("ac_");
        codes.put(code, new CodeGrant(identity, redirectUri, challenge, expiresAt));
        return code;
    }

    /** Single use: the first presentation burns the code, whatever else is wrong with the request. */
    synchronized Reply redeemCode(String code, String redirectUri, String verifier, Minting minting) {
        CodeGrant grant = code == null ? null : codes.get(code);
        if (grant == null) {
            return oauthError("invalid_grant", "Unknown authorization code.");
        }
        if (!usedCodes.add(code)) {
            return oauthError("invalid_grant", "Authorization code has already been used.");
        }
        if (!minting.now().isBefore(grant.expiresAt())) {
            return oauthError("invalid_grant", "Authorization code has expired.");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            return oauthError("invalid_grant", "redirect_uri does not match the authorization request.");
        }
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
                || !s256(verifier).equals(grant.challenge())) {
            return oauthError("invalid_grant", "code_verifier does not match the code_challenge.");
        }
        return new Reply(200, mint(grant.identity(), true, minting));
    }

    synchronized Reply refresh(String refreshToken, Minting minting) {
        Identity identity = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (identity == null) {
            return oauthError("invalid_grant", "Unknown refresh token.");
        }
        if (revokedGrants.contains(identity.grantId())) {
            return new Reply(401, LoopbackServer.openAiError("Your refresh token has been invalidated. "
                    + "Please try signing in again.", "invalid_request_error", "refresh_token_invalidated"));
        }
        if (usedRefreshTokens.contains(refreshToken)) {
            return new Reply(401, LoopbackServer.openAiError("Your refresh token has already been used to generate "
                    + "a new access token. Please try signing in again.", "invalid_request_error",
                    "refresh_token_reused"));
        }
        if (minting.rotateRefreshTokens()) {
            usedRefreshTokens.add(refreshToken);
        }
        refreshesByAccount.merge(identity.accountId(), 1, Integer::sum);
        return new Reply(200, mint(identity, minting.rotateRefreshTokens(), minting));
    }

    /** RFC 7009: a refresh token takes its whole grant with it; unknown tokens are ignored. */
    synchronized void revoke(String token) {
        Identity identity = refreshTokens.get(token);
        if (identity != null) {
            revokedGrants.add(identity.grantId());
        } else if (accessTokens.containsKey(token)) {
            revokedAccessTokens.add(token);
        }
    }

    synchronized boolean isAccessTokenValid(String token, String accountId, Instant now) {
        AccessGrant grant = token == null ? null : accessTokens.get(token);
        return grant != null && !revokedAccessTokens.contains(token)
                && !revokedGrants.contains(grant.identity().grantId())
                && now.isBefore(grant.expiresAt()) && grant.identity().accountId().equals(accountId);
    }

    synchronized int refreshes(String accountId) {
        return refreshesByAccount.getOrDefault(accountId, 0);
    }

    synchronized void expireAccessTokens() {
        accessTokens.replaceAll((token, grant) -> new AccessGrant(grant.identity(), Instant.EPOCH));
    }

    private Map<String, Object> mint(Identity identity, boolean withRefreshToken, Minting minting) {
        Instant now = minting.now();
        Instant expiresAt = now.plus(minting.accessLifetime());
        String accessToken = jwt(claims(identity, minting.issuer(), List.of("https://api.openai.com/v1"), now,
                expiresAt, Map.of("client_id", identity.clientId(), "scp", List.of(identity.scope().split(" ")),
                        "https://api.openai.com/profile", Map.of("email", identity.email(), "email_verified", true))));
        String idToken = jwt(claims(identity, minting.issuer(), identity.clientId(), now, now.plusSeconds(3600),
                Map.of("email", identity.email(), "email_verified", true, "auth_time", now.getEpochSecond())));
        accessTokens.put(accessToken, new AccessGrant(identity, expiresAt));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "Bearer");
        if (minting.sendExpiresIn()) {
            body.put("expires_in", minting.accessLifetime().toSeconds());
        }
        if (withRefreshToken) {
            String refreshToken = randomToken("rt_");
            refreshTokens.put(refreshToken, identity);
            body.put("refresh_token", refreshToken);
        }
        body.put("id_token", idToken);
        body.put("scope", identity.scope());
        return body;
    }

    private Map<String, Object> claims(Identity identity, String issuer, Object audience, Instant now,
                                       Instant expiresAt, Map<String, Object> extra) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", identity.subject());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("jti", randomToken(""));
        claims.putAll(extra);
        claims.put("https://api.openai.com/auth", Map.of("chatgpt_account_id", identity.accountId(),
                "chatgpt_plan_type", identity.planType(), "chatgpt_user_id", "user-" + identity.subject()));
        return claims;
    }

    /** HS256 with a per-server key: JWT-shaped like OpenAI's, though nobody here verifies it. */
    private String jwt(Map<String, Object> claims) {
        try {
            String header = BASE64URL.encodeToString(JSON.writeValueAsBytes(
                    Map.of("alg", "HS256", "typ", "JWT", "kid", "fake-openai")));
            String payload = BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + BASE64URL.encodeToString(signature);
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply oauthError(String error, String description) {
        return new Reply(400, Map.of("error", error, "error_description", description));
    }
}
