package agento.provider.oauth;

import agento.agents.Agent;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;
import agento.provider.core.OldCredentialRevoker;
import agento.provider.openai.AuthorizationRequest;
import agento.provider.openai.OAuthClient;
import agento.vault.SecretUnreadableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Option A: Sign in with OpenAI (authorization code + PKCE): start an attempt, Disconnect, the latest attempt. */
public final class OAuthSignIn {
    static final String CANCELLED = "cancelled";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignInAttempts attempts;
    private final OAuthClient oauth;
    private final ConnectionStore store;
    private final OldCredentialRevoker revoker;

    public OAuthSignIn(SignInAttempts attempts, OAuthClient oauth, ConnectionStore store, OldCredentialRevoker revoker) {
        this.attempts = attempts;
        this.oauth = oauth;
        this.store = store;
        this.revoker = revoker;
    }

    /**
     * Starts a sign-in attempt for the agent: a fresh single-use state and PKCE verifier (kept encrypted,
     * server-side, 10 minutes) bound to this session and the agent's owner. Returns the authorization URL.
     */
    public String start(Agent agent, String sessionBinding, boolean popup) {
        String state = randomState();
        AuthorizationRequest request = oauth.startAuthorization(state);
        Instant now = attempts.now();
        OAuthFlow flow = new OAuthFlow(state, sessionBinding, agent.ownerId(), agent.id(), oauth.settings().redirectUri(),
                popup ? "popup" : "redirect", now, now.plus(SignInAttempts.LIFETIME), null, null, null, null);
        attempts.create(flow, request.codeVerifier());
        return request.url();
    }

    /** Revokes the refresh token at OpenAI, then deletes the tokens here whatever OpenAI answered. */
    public boolean disconnect(Agent agent) {
        long agentId = agent.id();
        Optional<String> refresh;
        try {
            refresh = store.readSecret(CredentialNames.refreshToken(agentId));
        } catch (SecretUnreadableException e) {
            refresh = Optional.empty();
        }
        boolean revoked = refresh.map(token -> revoker.revoke(agentId, token)).orElse(false);
        store.remove(agentId, "disconnected", revoked ? "Disconnected; OpenAI confirmed the revocation."
                : "Disconnected here; OpenAI did not confirm the revocation.");
        return revoked;
    }

    /**
     * Cancel: the agent's pending Sign in with OpenAI ends (used up, so its callback can no longer complete) and its
     * verifier goes; nothing is stored. False when none was pending.
     */
    public boolean cancel(Agent agent) {
        return attempts.latest(agent.ownerId(), agent.id())
                .filter(f -> !f.isDevice() && f.usedAt() == null && attempts.markUsed(f))
                .map(f -> {
                    attempts.finish(f, CANCELLED, null);
                    return true;
                }).orElse(false);
    }

    /** How long ago {@code flow} started (the card offers the paste box only after a while). */
    public Duration age(OAuthFlow flow) {
        return Duration.between(flow.createdAt(), attempts.now());
    }

    /** The latest sign-in attempt for the card: pending, or failed recently (with its reason). */
    public Optional<OAuthFlow> latestFlow(long userId, long agentId) {
        return attempts.latest(userId, agentId);
    }

    static String randomState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
