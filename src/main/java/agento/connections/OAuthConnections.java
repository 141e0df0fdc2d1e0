package agento.connections;

import agento.agents.AgentService;
import agento.providers.openai.KeyCheck;
import agento.providers.openai.OAuthClient;
import agento.providers.openai.OAuthSettings;
import agento.providers.openai.OpenAiApiClient;
import agento.vault.SecretUnreadableException;
import agento.vault.SecretVault;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Option A: Sign in with OpenAI (authorization code + PKCE): start an attempt, Test connection, Disconnect. */
public final class OAuthConnections {
    static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final AgentService agents;
    private final ConnectionStore store;
    private final OAuthClient oauth;
    private final OAuthSettings settings;
    private final SecretVault vault;
    private final OpenAiApiClient openAi;
    private final TokenRefresher refresher;
    private final OldCredentialRevoker revoker;
    private final Clock clock;

    public OAuthConnections(Jdbi jdbi, AgentService agents, ConnectionStore store, OAuthClient oauth,
                            OAuthSettings settings, SecretVault vault, OpenAiApiClient openAi, TokenRefresher refresher,
                            OldCredentialRevoker revoker, Clock clock) {
        this.jdbi = jdbi;
        this.agents = agents;
        this.store = store;
        this.oauth = oauth;
        this.settings = settings;
        this.vault = vault;
        this.openAi = openAi;
        this.refresher = refresher;
        this.revoker = revoker;
        this.clock = clock;
    }

    /**
     * Starts a sign-in attempt for the owner's agent: a fresh single-use state and PKCE verifier (kept
     * encrypted, server-side, 10 minutes) bound to this session. Returns the authorization URL.
     */
    public String start(long ownerId, long agentId, String sessionBinding, boolean popup) {
        agents.get(ownerId, agentId);
        String state = randomState();
        var request = oauth.startAuthorization(state);
        Instant now = clock.instant();
        OAuthFlow flow = new OAuthFlow(state, sessionBinding, ownerId, agentId,
                vault.encrypt(request.codeVerifier(), OAuthFlow.verifierAssociatedData(state)), settings.redirectUri(),
                popup ? "popup" : "redirect", now, now.plus(FLOW_LIFETIME), null, null, null);
        jdbi.useExtension(OAuthFlowRepository.class, r -> {
            r.deleteExpired(now.minus(Duration.ofDays(1)));
            r.insert(flow);
        });
        return request.url();
    }

    /** Revokes the refresh token at OpenAI, then deletes the tokens here whatever OpenAI answered. */
    public boolean disconnect(long ownerId, long agentId) {
        agents.get(ownerId, agentId);
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

    /** Test connection for OAuth: renews the token when needed, then the smallest authenticated request. */
    public void test(long ownerId, long agentId) {
        agents.get(ownerId, agentId);
        TokenRefresher.Access access;
        try {
            access = refresher.currentAccess(agentId);
        } catch (RuntimeException e) {
            store.record(agentId, "check_failed", "Test connection: " + e.getMessage());
            return;
        }
        KeyCheck check = openAi.checkChatGptAccess(access.accessToken(), access.accountId());
        ConnectionState state = ApiKeyConnections.stateFor(check);
        String reason = check instanceof KeyCheck.Rejected
                ? "OpenAI rejected the access token. Click Reconnect to sign in again." : ApiKeyConnections.reasonFor(check);
        store.updateState(agentId, state == ConnectionState.CREDENTIAL_ERROR ? ConnectionState.NEEDS_RECONNECT : state,
                reason, state == ConnectionState.CONNECTED || state == ConnectionState.NO_QUOTA,
                ApiKeyConnections.models(check), state == ConnectionState.CONNECTED ? "verified" : "check_failed",
                "Test connection: " + ApiKeyConnections.describe(state) + ".");
    }

    /** The latest sign-in attempt for the card: pending, or failed recently (with its reason). */
    public Optional<OAuthFlow> latestFlow(long userId, long agentId) {
        return jdbi.withExtension(OAuthFlowRepository.class, r -> r.latest(agentId, userId))
                .filter(f -> f.createdAt().isAfter(clock.instant().minus(FLOW_LIFETIME)));
    }

    private static String randomState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
