package agento.provider.refresh;

/** Why {@link TokenRefresher#currentAccess} has no usable OpenAI access token; each message can be shown as is. */
public abstract sealed class RefreshException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long agentId;

    RefreshException(long agentId, String message) {
        super(message);
        this.agentId = agentId;
    }

    public long agentId() {
        return agentId;
    }

    /** The agent has no connection, or is connected with an API key. */
    public static final class NotConnected extends RefreshException {
        private static final long serialVersionUID = 1L;

        NotConnected(long agentId) {
            super(agentId, "This agent is not connected with an OpenAI account.");
        }
    }

    /** OpenAI no longer accepts the sign-in (state needs_reconnect): run the sign-in flow again. */
    public static final class ReconnectNeeded extends RefreshException {
        private static final long serialVersionUID = 1L;

        ReconnectNeeded(long agentId) {
            super(agentId, TokenRefresher.RECONNECT_REASON);
        }
    }

    /** The saved sign-in cannot be decrypted (state credential_error): sign in again. */
    public static final class CredentialError extends RefreshException {
        private static final long serialVersionUID = 1L;

        CredentialError(long agentId) {
            super(agentId, TokenRefresher.UNREADABLE_REASON);
        }
    }

    /** OpenAI could not be reached to renew an access token that has already expired; retries continue. */
    public static final class Unavailable extends RefreshException {
        private static final long serialVersionUID = 1L;

        Unavailable(long agentId) {
            super(agentId, TokenRefresher.UNAVAILABLE_REASON);
        }
    }
}
