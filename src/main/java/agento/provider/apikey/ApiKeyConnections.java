package agento.provider.apikey;

import agento.agents.Agent;
import agento.common.InvalidInputException;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;
import agento.provider.core.KeyHint;
import agento.provider.core.Method;
import agento.provider.core.OldCredentialRevoker;
import agento.provider.core.ProviderAnswers;
import agento.provider.openai.KeyCheck;
import agento.provider.openai.OpenAiApiClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Option B: an OpenAI API key pasted into the Settings tab, checked with OpenAI, kept in the vault. */
public final class ApiKeyConnections {
    static final String FIELD = "apiKey";
    static final String NOT_A_KEY = "That doesn't look like an OpenAI API key: it should start with sk-";
    static final String REJECTED = "credential error: OpenAI rejected this key \u2014 check that you copied all of it, "
            + "including the sk- prefix";
    private static final Pattern EDGE_SPACES = Pattern.compile("^[\\s\\u00A0\\u200B\\u2060\\uFEFF]+|[\\s\\u00A0\\u200B\\u2060\\uFEFF]+$");
    private static final Pattern KEY_CHARACTERS = Pattern.compile("sk-[A-Za-z0-9_\\-]{8,300}");

    private final ConnectionStore store;
    private final OpenAiApiClient openAi;
    private final OldCredentialRevoker revoker;
    private final Clock clock;

    public ApiKeyConnections(ConnectionStore store, OpenAiApiClient openAi, OldCredentialRevoker revoker, Clock clock) {
        this.store = store;
        this.openAi = openAi;
        this.revoker = revoker;
        this.clock = clock;
    }

    /**
     * Checks {@code rawKey} with OpenAI and, unless OpenAI refuses it, stores it encrypted as the agent's
     * only credential. The previous credential stays until the new key is stored; a refusal changes nothing.
     */
    public ConnectionState save(Agent agent, String rawKey) {
        long agentId = agent.id();
        Optional<Connection> existing = store.find(agentId);
        String key = validate(rawKey, existing);
        KeyCheck check = openAi.checkApiKey(key);
        if (check instanceof KeyCheck.Rejected) {
            store.record(agentId, "check_failed", "A new API key was rejected by OpenAI and not saved.");
            throw new InvalidInputException(FIELD, REJECTED);
        }
        if (check instanceof KeyCheck.Forbidden forbidden) {
            store.record(agentId, "check_failed", "A restricted API key was refused and not saved.");
            throw new InvalidInputException(FIELD, "This key is restricted: it lacks the " + forbidden.missingPermission()
                    + " permission. Change the key's permissions on OpenAI's API keys page (Models: Read, "
                    + "Model capabilities: Write) or create a key with All permissions.");
        }
        ConnectionState state = ProviderAnswers.stateFor(check);
        if (state == ConnectionState.UNVERIFIED && existing.map(c -> c.stateEnum().isWorking()).orElse(false)) {
            store.record(agentId, "check_failed", "OpenAI could not be reached to check a new key; nothing changed.");
            throw new InvalidInputException(FIELD, "Couldn't reach OpenAI to check the new key, so your current "
                    + "connection is unchanged. Try again in a moment.");
        }
        Connection row = new Connection(agentId, "openai", Method.API_KEY.column(), state.column(), ProviderAnswers.reasonFor(check),
                null, null, null, KeyHint.of(key), null, state == ConnectionState.UNVERIFIED ? null : clock.instant(),
                null, null, 0, 0, clock.instant(), clock.instant());
        Optional<String> retired = store.replace(row, Map.of(CredentialNames.apiKey(agentId), key), ProviderAnswers.models(check),
                "key_saved", "API key " + KeyHint.of(key) + " saved: " + ProviderAnswers.describe(state) + ".");
        retired.ifPresent(token -> revoker.revoke(agentId, token));
        return state;
    }

    /** Deletes the key; the agent is no longer connected. */
    public void remove(Agent agent) {
        store.remove(agent.id(), "key_removed", "API key removed.");
    }

    private static String validate(String rawKey, Optional<Connection> existing) {
        // copied from a web page, a key may carry no-break or zero-width spaces at its ends
        String key = rawKey == null ? "" : EDGE_SPACES.matcher(rawKey).replaceAll("");
        boolean hasKey = existing.map(c -> c.methodEnum() == Method.API_KEY).orElse(false);
        if (key.isEmpty() || (hasKey && key.equals(existing.get().keyHint()))) {
            throw new InvalidInputException(FIELD, hasKey
                    ? "Nothing changed: paste a new key to replace the saved one." : "Paste your OpenAI API key.");
        }
        if (!key.startsWith("sk-")) {
            throw new InvalidInputException(FIELD, NOT_A_KEY);
        }
        if (key.startsWith("sk-admin-")) {
            throw new InvalidInputException(FIELD, "That is an OpenAI admin key, which can manage your whole "
                    + "organization. Agents get least privilege: create a project API key (sk-proj-\u2026) instead.");
        }
        if (!KEY_CHARACTERS.matcher(key).matches()) {
            throw new InvalidInputException(FIELD, "That doesn't look like an OpenAI API key: it has spaces or "
                    + "characters an API key never has. Copy it again from OpenAI.");
        }
        return key;
    }
}
