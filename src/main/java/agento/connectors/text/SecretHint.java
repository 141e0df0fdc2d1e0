package agento.connectors.text;

/** What a page may show of a secret: the last 4 characters of a long one, nothing of a short one. */
public final class SecretHint {
    private SecretHint() {}

    public static String of(String secret) {
        return secret.length() >= 16 ? "\u2026" + secret.substring(secret.length() - 4) : "\u2022\u2022\u2022\u2022";
    }

    /** A stored credential: shown as written when it is only {{VARIABLE}} references, else as a hint. */
    public static String ofCredential(String value) {
        return Placeholders.onlyReferences(value) ? value : of(value);
    }
}
