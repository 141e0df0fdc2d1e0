package agento.provider.web;

import agento.provider.core.ConnectionHealth;
import agento.web.PageAttributes;
import agento.web.SessionUser;
import java.util.Map;

/** The banner on every page of an owner whose agents' OpenAI credentials stopped working, until they are fixed. */
public final class CredentialBanner implements PageAttributes {
    private final ConnectionHealth health;

    public CredentialBanner(ConnectionHealth health) {
        this.health = health;
    }

    @Override
    public Map<String, Object> forPage(SessionUser user) {
        return Map.of("credentialTroubles", health.troubled(user.id()));
    }
}
