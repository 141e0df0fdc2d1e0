package agento.provider.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 S256 only: a verifier of 32 random bytes, base64url, and its SHA-256 challenge. */
record Pkce(String verifier, String challenge) {

    static final String METHOD = "S256";
    private static final int VERIFIER_BYTES = 32;

    static Pkce generate(SecureRandom random) {
        byte[] bytes = new byte[VERIFIER_BYTES];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // every JDK has SHA-256; falling back to "plain" is exactly what we must never do
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=(hidden), challenge=" + challenge + "]";
    }
}
