package agento.connections;

/** The states of DESIGN.md "Connection states"; the indicator is rendered from this alone. */
public enum ConnectionState {
    /** Verified; green. */
    CONNECTED("connected"),
    /** Verified, but the account has no billing or quota; green with a warning. */
    NO_QUOTA("no_quota"),
    /** Stored, but the provider could not be reached to check it; amber. */
    UNVERIFIED("unverified"),
    /** The refresh token no longer works; amber, a Reconnect button. */
    NEEDS_RECONNECT("needs_reconnect"),
    /** The provider rejects the stored credential, or it cannot be decrypted; red. */
    CREDENTIAL_ERROR("credential_error");

    private final String column;

    ConnectionState(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static ConnectionState fromColumn(String value) {
        for (ConnectionState s : values()) {
            if (s.column.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown state " + value);
    }
}
