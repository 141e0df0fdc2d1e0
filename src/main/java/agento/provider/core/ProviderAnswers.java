package agento.provider.core;

import agento.provider.openai.KeyCheck;
import java.util.List;

/** The one mapping from what OpenAI answered to a check into a connection state, a reason and a model list. */
public final class ProviderAnswers {
    private ProviderAnswers() {}

    public static ConnectionState stateFor(KeyCheck check) {
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

    /** What a person should read next to the indicator; null when the state says it all. */
    public static String reasonFor(KeyCheck check) {
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

    /** The chat models the provider listed, or null when the check listed none (keep the old list). */
    public static List<String> models(KeyCheck check) {
        return check instanceof KeyCheck.Valid valid
                ? valid.modelIds().stream().filter(ModelCatalog::isChatModel).distinct().toList() : null;
    }

    /** For Activity lines: "API key … saved: verified with OpenAI." */
    public static String describe(ConnectionState state) {
        switch (state) {
            case CONNECTED: return "verified with OpenAI";
            case NO_QUOTA: return "verified, but the account has no billing or quota";
            case UNVERIFIED: return "OpenAI could not be reached, so it is unverified";
            case CREDENTIAL_ERROR: return "OpenAI rejected the credential";
            default: return state.column();
        }
    }
}
