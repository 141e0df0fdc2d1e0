package agento.provider.core;

import agento.common.ColumnEnum;

/** The states of DESIGN.md "Connection states"; the indicator is rendered from this alone. */
public enum ConnectionState implements ColumnEnum {
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

    @Override
    public String column() {
        return column;
    }

    /** Green: the credential works (perhaps with a billing warning). */
    public boolean isWorking() {
        return this == CONNECTED || this == NO_QUOTA;
    }

    public static ConnectionState fromColumn(String value) {
        return ColumnEnum.fromColumn(ConnectionState.class, value);
    }
}
