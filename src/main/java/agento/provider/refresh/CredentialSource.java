package agento.provider.refresh;

import agento.agents.Agent;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.Credential;
import agento.provider.core.CredentialNames;
import agento.provider.core.Credentials;
import agento.provider.core.Method;
import agento.provider.openai.OpenAiEndpoints;
import agento.vault.SecretUnreadableException;
import java.util.Optional;

/** The credential seam's implementation: API keys from the vault, sign-ins through the token refresher. */
public final class CredentialSource implements Credentials {
    static final String KEY_UNREADABLE = "The saved key can no longer be decrypted. Enter it again.";

    private final ConnectionStore store;
    private final TokenRefresher refresher;
    private final OpenAiEndpoints openAi;

    public CredentialSource(ConnectionStore store, TokenRefresher refresher, OpenAiEndpoints openAi) {
        this.store = store;
        this.refresher = refresher;
        this.openAi = openAi;
    }

    @Override
    public Credential forAgent(Agent agent) {
        Optional<Connection> row = store.find(agent.id());
        if (row.isEmpty()) {
            return new Credential.NotUsable(null, NOT_CONNECTED);
        }
        return row.get().methodEnum() == Method.API_KEY ? apiKey(row.get()) : signIn(row.get(), null);
    }

    @Override
    public Credential renewedAfterRejection(Agent agent, Credential rejected) {
        if (!(rejected instanceof Credential.ChatGptToken token)) {
            return new Credential.NotUsable(ConnectionState.CREDENTIAL_ERROR, "OpenAI rejected the saved key. It may "
                    + "have been revoked: paste a new key in Settings or remove this one.");
        }
        return store.find(agent.id()).map(row -> signIn(row, token.accessToken()))
                .orElseGet(() -> new Credential.NotUsable(null, NOT_CONNECTED));
    }

    private Credential apiKey(Connection row) {
        long agentId = row.agentId();
        try {
            return store.readSecret(CredentialNames.apiKey(agentId))
                    .<Credential>map(key -> new Credential.ApiKey(key, openAi.apiBase()))
                    .orElseGet(() -> new Credential.NotUsable(row.stateEnum(), NOT_CONNECTED));
        } catch (SecretUnreadableException e) {
            store.updateState(agentId, ConnectionState.CREDENTIAL_ERROR, KEY_UNREADABLE, false, null, "check_failed",
                    "The saved API key could not be decrypted.");
            return new Credential.NotUsable(ConnectionState.CREDENTIAL_ERROR, KEY_UNREADABLE);
        }
    }

    /** {@code rejectedToken}: null for the current access, else the token OpenAI refused (renew it once). */
    private Credential signIn(Connection row, String rejectedToken) {
        try {
            TokenRefresher.Access access = rejectedToken == null ? refresher.currentAccess(row.agentId())
                    : refresher.renewAfterRejection(row.agentId(), rejectedToken);
            return new Credential.ChatGptToken(access.accessToken(), access.accountId(), openAi.chatGptBase(),
                    access.expiresAt());
        } catch (RefreshException e) {
            ConnectionState state = e instanceof RefreshException.ReconnectNeeded ? ConnectionState.NEEDS_RECONNECT
                    : e instanceof RefreshException.CredentialError ? ConnectionState.CREDENTIAL_ERROR : row.stateEnum();
            return new Credential.NotUsable(state, e.getMessage());
        }
    }
}
