package agento.connectors.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Hides the secrets of one run in everything shown or kept (URL, headers, bodies the API echoes back): each secret
 * as typed, URL-encoded, JSON-escaped and in Base64, replaced by a label such as {{OPENAI_API_KEY}}.
 */
final class SecretMask {
    /** Values shorter than this are not masked (masking "1" would garble every answer). */
    static final int MIN_LENGTH = 4;

    private record Replacement(String secret, String label) {}

    private final List<Replacement> replacements = new ArrayList<>();

    /** Masks {@code secret} (and its encodings) as {@code label}. */
    SecretMask add(String secret, String label) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return this;
        }
        for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"), RequestBuilder.json(secret),
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))) {
            if (replacements.stream().noneMatch(r -> r.secret().equals(form))) {
                replacements.add(new Replacement(form, label));
            }
        }
        replacements.sort(Comparator.comparingInt((Replacement r) -> r.secret().length()).reversed());
        return this;
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Replacement r : replacements) {
            masked = masked.replace(r.secret(), r.label());
        }
        return masked;
    }
}
