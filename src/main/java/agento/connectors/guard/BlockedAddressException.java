package agento.connectors.guard;

/** A call the guard refused before anything was sent; the message says why and names the allowlist variable. */
public final class BlockedAddressException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String why;

    BlockedAddressException(String why) {
        super("Blocked: " + why + ". Connectors only call public internet addresses; an administrator can allow a "
                + "host on the local network with " + HostAllowlist.VARIABLE + ".", null, false, false);
        this.why = why;
    }

    /** The reason alone, without the advice. */
    public String why() {
        return why;
    }
}
