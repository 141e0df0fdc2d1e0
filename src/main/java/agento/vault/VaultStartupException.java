package agento.vault;

/** The vault refuses to start; the message is one line telling the operator what to fix. */
public final class VaultStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VaultStartupException(String message) {
        super(message);
    }
}
