package agento.connections;

import agento.agents.AgentService;
import agento.common.InvalidInputException;
import agento.providers.ModelCatalog;
import agento.providers.openai.KeyCheck;
import agento.providers.openai.OpenAiApiClient;
import agento.vault.SecretUnreadableException;
import java.time.Clock;
import java.util.List;
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

    private final AgentService agents;
    private final ConnectionStore store;
    private final OpenAiApiClient openAi;
    private final OldCredentialRevoker revoker;
    private final Clock clock;

    public ApiKeyConnections(AgentService agents, ConnectionStore store, OpenAiApiClient openAi,
                             OldCredentialRevoker revoker, Clock clock) {
        this.agents = agents;
        this.store = store;
        this.openAi = openAi;
        this.revoker = revoker;
        this.clock = clock;
    }

    /**
     * Checks {@code rawKey} with OpenAI and, unless OpenAI refuses it, stores it encrypted as the agent's
     * only credential. The previous credential stays until the new key is stored; a refusal changes nothing.
     */
    public ConnectionState save(long ownerId, long agentId, String rawKey) {
        agents.get(ownerId, agentId);
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
        ConnectionState state = stateFor(check);
        if (state == ConnectionState.UNVERIFIED && existing.map(ApiKeyConnections::isWorking).orElse(false)) {
            store.record(agentId, "check_failed", "OpenAI could not be reached to check a new key; nothing changed.");
            throw new InvalidInputException(FIELD, "Couldn't reach OpenAI to check the new key, so your current "
                    + "connection is unchanged. Try again in a moment.");
        }
        Connection row = new Connection(agentId, "openai", Method.API_KEY.column(), state.column(), reasonFor(check),
                null, null, null, KeyHint.of(key), null, state == ConnectionState.UNVERIFIED ? null : clock.instant(),
                null, null, 0, 0, clock.instant(), clock.instant());
        Optional<String> retired = store.replace(row, Map.of(CredentialNames.apiKey(agentId), key), models(check),
                "key_saved", "API key " + KeyHint.of(key) + " saved: " + describe(state) + ".");
        retired.ifPresent(token -> revoker.revoke(agentId, token));
        return state;
    }

    /** Runs the key check again and updates the indicator and the "last verified" time. */
    public void test(long ownerId, long agentId) {
        agents.get(ownerId, agentId);
        Optional<String> key;
        try {
            key = store.readSecret(CredentialNames.apiKey(agentId));
        } catch (SecretUnreadableException e) {
            store.updateState(agentId, ConnectionState.CREDENTIAL_ERROR,
                    "The saved key can no longer be decrypted. Enter it again.", false, null, "check_failed",
                    "The saved API key could not be decrypted.");
            return;
        }
        if (key.isEmpty()) {
            return;
        }
        KeyCheck check = openAi.checkApiKey(key.get());
        ConnectionState state = check instanceof KeyCheck.Rejected || check instanceof KeyCheck.Forbidden
                ? ConnectionState.CREDENTIAL_ERROR : stateFor(check);
        String reason = check instanceof KeyCheck.Rejected ? "OpenAI rejected the saved key. It may have been revoked: "
                + "paste a new key or remove this one." : reasonFor(check);
        store.updateState(agentId, state, reason, state != ConnectionState.UNVERIFIED
                        && state != ConnectionState.CREDENTIAL_ERROR, models(check),
                state == ConnectionState.CONNECTED ? "verified" : "check_failed", "Test connection: " + describe(state) + ".");
    }

    /** Deletes the key; the agent is no longer connected. */
    public void remove(long ownerId, long agentId) {
        agents.get(ownerId, agentId);
        store.remove(agentId, "key_removed", "API key removed.");
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

    private static boolean isWorking(Connection c) {
        ConnectionState s = c.stateEnum();
        return s == ConnectionState.CONNECTED || s == ConnectionState.NO_QUOTA;
    }

    static ConnectionState stateFor(KeyCheck check) {
        if (check instanceof KeyCheck.Valid) {
            return ConnectionState.CONNECTED;
        }
        if (check instanceof KeyCheck.NoQuota) {
            return ConnectionState.NO_QUOTA;
        }
        if (check instanceof KeyCheck.Rejected || check instanceof KeyCheck.Forbidden) {
            return ConnectionState.CREDENTIAL_ERROR;
        }
        return ConnectionState.UNVERIFIED;
    }

    static String reasonFor(KeyCheck check) {
        if (check instanceof KeyCheck.NoQuota) {
            return "The OpenAI account has no billing set up or no quota left, so the agent cannot answer yet. "
                    + "Add billing or credit on OpenAI's billing page, then click Test connection.";
        }
        if (check instanceof KeyCheck.RateLimited) {
            return "OpenAI is rate limiting this account right now; the key was not checked.";
        }
        if (check instanceof KeyCheck.Unreachable) {
            return "Couldn't reach OpenAI to check the key. It is saved; click Check again when OpenAI is reachable.";
        }
        if (check instanceof KeyCheck.Forbidden forbidden) {
            return "The key lacks the " + forbidden.missingPermission() + " permission.";
        }
        return null;
    }

    static List<String> models(KeyCheck check) {
        return check instanceof KeyCheck.Valid valid
                ? valid.modelIds().stream().filter(ModelCatalog::isChatModel).distinct().toList() : null;
    }

    static String describe(ConnectionState state) {
        switch (state) {
            case CONNECTED: return "verified with OpenAI";
            case NO_QUOTA: return "verified, but the account has no billing or quota";
            case UNVERIFIED: return "OpenAI could not be reached, so it is unverified";
            case CREDENTIAL_ERROR: return "OpenAI rejected the credential";
            default: return state.column();
        }
    }

}
