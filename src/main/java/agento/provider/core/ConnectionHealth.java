package agento.provider.core;

import agento.agents.Agent;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of Agento reads of an agent's connection (a summary, never a secret) and tells it back: OpenAI
 * refused the credential, or said the account has no billing, or a chat failed (an Activity line).
 */
public final class ConnectionHealth {
    static final String REJECTED_KEY = "OpenAI rejected the saved key. It may have been revoked: paste a new key or "
            + "remove this one.";
    static final String REJECTED_SIGN_IN = "OpenAI no longer accepts this sign-in. Click Reconnect to sign in again.";
    static final String NO_QUOTA = "OpenAI says this account has no billing or quota set up. Add a payment method at "
            + "platform.openai.com \u2192 Billing, then click Test connection.";

    private final ConnectionStore store;

    /** An owner's agent whose credential stopped working ({@code state}: needs_reconnect, credential_error, no_quota). */
    public record Trouble(long agentId, String agentName, String state) {
        public String label() {
            return ConnectionState.NO_QUOTA.column().equals(state) ? "OpenAI says its account has no billing or quota"
                    : ConnectionState.NEEDS_RECONNECT.column().equals(state) ? "its OpenAI sign-in needs reconnecting"
                    : "OpenAI rejects its credential";
        }
    }

    public ConnectionHealth(ConnectionStore store) {
        this.store = store;
    }

    /** The owner's agents whose OpenAI credential stopped working, in one query (for the banner on every page). */
    public List<Trouble> troubled(long ownerId) {
        return store.troubled(ownerId);
    }

    /** The agent's connection, or empty when it has none. */
    public Optional<ConnectionSummary> summary(Agent agent) {
        return store.find(agent.id()).map(c -> new ConnectionSummary(c.methodEnum(),
                c.methodEnum() == Method.API_KEY ? c.keyHint() : c.accountLabel(), c.stateEnum(), c.stateReason()));
    }

    /** OpenAI answered 401 to a chat even after a renewed sign-in: the card turns amber (sign-in) or red (key). */
    public void rejected(Agent agent) {
        store.find(agent.id()).ifPresent(c -> {
            boolean signIn = c.methodEnum() == Method.OAUTH;
            store.updateState(agent.id(), signIn ? ConnectionState.NEEDS_RECONNECT : ConnectionState.CREDENTIAL_ERROR,
                    signIn ? REJECTED_SIGN_IN : REJECTED_KEY, false, null, "chat_failed",
                    "A chat message was refused: OpenAI rejected the " + (signIn ? "sign-in." : "API key."));
        });
    }

    /** OpenAI answered insufficient_quota: the card shows the billing warning. */
    public void noQuota(Agent agent) {
        store.updateState(agent.id(), ConnectionState.NO_QUOTA, NO_QUOTA, false, null, "chat_failed",
                "A chat message was refused: the OpenAI account has no billing or quota.");
    }

    /** An Activity line for a chat that failed for another reason ({@code detail} holds no secret). */
    public void chatFailed(Agent agent, String detail) {
        store.record(agent.id(), "chat_failed", detail.length() > 480 ? detail.substring(0, 480) + "\u2026" : detail);
    }
}
