package agento.provider.core;

import agento.agents.Agent;
import agento.provider.openai.KeyCheck;
import agento.provider.openai.OpenAiApiClient;
import java.util.Optional;

/** "Test connection" for both methods: the credential from the seam, then the smallest authenticated request. */
public final class ConnectionTest {
    private final ConnectionStore store;
    private final Credentials credentials;
    private final OpenAiApiClient openAi;

    public ConnectionTest(ConnectionStore store, Credentials credentials, OpenAiApiClient openAi) {
        this.store = store;
        this.credentials = credentials;
        this.openAi = openAi;
    }

    /** Checks the agent's credential with OpenAI and updates the indicator and the "last verified" time. */
    public void run(Agent agent) {
        long agentId = agent.id();
        Optional<Connection> row = store.find(agentId);
        if (row.isEmpty()) {
            return;
        }
        Credential credential = credentials.forAgent(agent);
        if (credential instanceof Credential.ApiKey key) {
            KeyCheck check = openAi.checkApiKey(key.key());
            ConnectionState state = ProviderAnswers.stateFor(check);
            String reason = check instanceof KeyCheck.Rejected ? "OpenAI rejected the saved key. It may have been "
                    + "revoked: paste a new key or remove this one." : ProviderAnswers.reasonFor(check);
            save(agentId, state, state, reason, check);
        } else if (credential instanceof Credential.ChatGptToken token) {
            KeyCheck check = openAi.checkChatGptAccess(token.accessToken(), token.accountId());
            ConnectionState state = ProviderAnswers.stateFor(check);
            String reason = check instanceof KeyCheck.Rejected
                    ? "OpenAI rejected the access token. Click Reconnect to sign in again." : ProviderAnswers.reasonFor(check);
            // a rejected sign-in is fixed by signing in again
            ConnectionState shown = state == ConnectionState.CREDENTIAL_ERROR ? ConnectionState.NEEDS_RECONNECT : state;
            save(agentId, state, shown, reason, check);
        } else if (credential instanceof Credential.NotUsable notUsable
                && row.get().methodEnum() == Method.OAUTH) {
            // an API key that cannot be read was already marked by the seam; a sign-in says why it is unusable
            store.record(agentId, "check_failed", "Test connection: " + notUsable.reason());
        }
    }

    private void save(long agentId, ConnectionState checked, ConnectionState shown, String reason, KeyCheck check) {
        store.updateState(agentId, shown, reason, checked.isWorking(), ProviderAnswers.models(check),
                checked == ConnectionState.CONNECTED ? "verified" : "check_failed",
                "Test connection: " + ProviderAnswers.describe(checked) + ".");
    }
}
