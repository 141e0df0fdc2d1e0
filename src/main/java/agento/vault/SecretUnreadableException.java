package agento.vault;

/** A stored secret did not decrypt: it must be entered again. The message never holds secret material. */
public final class SecretUnreadableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String DEFAULT_MESSAGE =
            "secret could not be decrypted (tampered, moved, or encrypted with another key)";

    public SecretUnreadableException() {
        super(DEFAULT_MESSAGE);
    }

    public SecretUnreadableException(String message) {
        super(message);
    }
}
