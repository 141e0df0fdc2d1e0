package agento.connections;

import agento.vault.SecretRef;

/** Where an agent's provider credentials live in the vault. */
final class CredentialNames {
    static final String OWNER_KIND = "agent";

    private CredentialNames() {}

    static SecretRef apiKey(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_api_key");
    }

    static SecretRef accessToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_access_token");
    }

    static SecretRef refreshToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_refresh_token");
    }

    static SecretRef idToken(long agentId) {
        return SecretRef.of(OWNER_KIND, agentId, "openai_id_token");
    }
}
