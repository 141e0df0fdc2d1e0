package agento.provider.core;

import agento.vault.SecretRef;

/** Where an agent's provider credentials live in the vault. */
public final class CredentialNames {
    public static final String OWNER_KIND = "agent";

    private CredentialNames() {}

    public static SecretRef apiKey(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_api_key");
    }

    public static SecretRef accessToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_access_token");
    }

    public static SecretRef refreshToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_refresh_token");
    }

    public static SecretRef idToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_id_token");
    }
}
