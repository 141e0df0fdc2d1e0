package agento.connections;

import agento.agents.AgentService;
import agento.providers.openai.IdTokenClaims;
import agento.providers.openai.OAuthClient;
import agento.providers.openai.OAuthFailure;
import agento.providers.openai.OAuthSettings;
import agento.providers.openai.TokenSet;
import agento.vault.SecretRef;
import agento.vault.SecretUnreadableException;
import agento.vault.SecretVault;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of Sign in with OpenAI: checks the callback (or a pasted address) before any token request, exchanges
 * the code with the PKCE verifier, and stores the tokens as the agent's only connection.
 */
public final class OAuthCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(OAuthCallbackHandler.class);

    private final Jdbi jdbi;
    private final AgentService agents;
    private final ConnectionStore store;
    private final OAuthClient oauth;
    private final OAuthSettings settings;
    private final SecretVault vault;
    private final TokenRefresher refresher;
    private final OldCredentialRevoker revoker;
    private final Clock clock;
    private final RandomGenerator jitter;

    public OAuthCallbackHandler(Jdbi jdbi, AgentService agents, ConnectionStore store, OAuthClient oauth,
                                OAuthSettings settings, SecretVault vault, TokenRefresher refresher,
                                OldCredentialRevoker revoker, Clock clock, RandomGenerator jitter) {
        this.jdbi = jdbi;
        this.agents = agents;
        this.store = store;
        this.oauth = oauth;
        this.settings = settings;
        this.vault = vault;
        this.refresher = refresher;
        this.revoker = revoker;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** What a callback came to, for the page that shows it. */
    public record Result(Long agentId, boolean popup, boolean connected, String message) {}

    /** Checks the callback (state known, unexpired, unused, this session) before any token request. */
    public Result complete(Long sessionUserId, String sessionBinding, OAuthCallback callback) {
        if (callback.state() == null || callback.state().isBlank() || callback.state().length() > 128) {
            return new Result(null, false, false, "The answer from OpenAI had no valid sign-in state. Start again "
                    + "from the agent's Settings tab.");
        }
        Optional<OAuthFlow> found = jdbi.withExtension(OAuthFlowRepository.class, r -> r.find(callback.state()));
        if (found.isEmpty()) {
            log.warn("security: OAuth callback with an unknown state");
            return new Result(null, false, false, "This sign-in attempt is unknown to Agento. It may come from an old "
                    + "or forged link. Start again from the agent's Settings tab.");
        }
        OAuthFlow flow = found.get();
        if (sessionUserId == null || flow.userId() != sessionUserId || !flow.sessionBinding().equals(sessionBinding)) {
            log.warn("security: OAuth callback for agent {} from another session", flow.agentId());
            return new Result(sessionUserId != null && flow.userId() == sessionUserId ? flow.agentId() : null,
                    false, false, "This sign-in was started in another browser session. Start again here.");
        }
        if (flow.usedAt() != null) {
            return fail(flow, false, "This sign-in attempt was already used. Start again to connect.");
        }
        if (flow.expiresAt().isBefore(clock.instant())) {
            return fail(flow, true, "This sign-in attempt expired (they last 10 minutes). Start again.");
        }
        if (jdbi.withExtension(OAuthFlowRepository.class, r -> r.markUsed(flow.state(), clock.instant())) == 0) {
            return fail(flow, false, "This sign-in attempt was already used. Start again to connect.");
        }
        if (callback.error() != null) {
            return fail(flow, true, callbackError(callback));
        }
        if (!settings.acceptsIssuer(callback.issuer())) {
            log.warn("security: OAuth callback for agent {} from an unexpected issuer", flow.agentId());
            return fail(flow, true, "The answer did not come from the expected sign-in server, so it was ignored.");
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return fail(flow, true, "OpenAI's answer had no authorization code.");
        }
        return exchange(flow, callback.code());
    }

    /** The "paste the address you were sent to" path: the same checks, for this agent only. */
    public Result completePasted(long ownerId, long agentId, String sessionBinding, String address) {
        agents.get(ownerId, agentId);
        OAuthCallback callback = OAuthCallback.parsePasted(address);
        if (callback.state() == null || (callback.code() == null && callback.error() == null)) {
            return new Result(agentId, false, false, "That is not the address OpenAI sent you to: it should contain "
                    + "code= and state=. Copy the whole address from the browser's address bar.");
        }
        Optional<OAuthFlow> flow = jdbi.withExtension(OAuthFlowRepository.class, r -> r.find(callback.state()));
        if (flow.isPresent() && flow.get().agentId() != agentId) {
            return new Result(agentId, false, false, "That address belongs to a sign-in for another agent.");
        }
        Result result = complete(ownerId, sessionBinding, callback);
        return new Result(agentId, false, result.connected(), result.message());
    }

    private Result exchange(OAuthFlow flow, String code) {
        long agentId = flow.agentId();
        TokenSet tokens;
        IdTokenClaims claims;
        try {
            String verifier = vault.decrypt(flow.codeVerifierCt(), OAuthFlow.verifierAssociatedData(flow.state()));
            tokens = oauth.exchangeCode(code, verifier);
            claims = IdTokenClaims.parse(tokens.idToken());
        } catch (OAuthFailure e) {
            log.warn("security: OAuth code exchange for agent {} failed: {}", agentId, e.kind());
            return fail(flow, true, e.kind() == OAuthFailure.Kind.TRANSIENT
                    ? "OpenAI could not be reached to finish the sign-in. Try again in a moment."
                    : "OpenAI refused to finish the sign-in (" + (e.providerCode() == null ? "rejected" : e.providerCode())
                    + "). Try again.");
        } catch (SecretUnreadableException | IllegalArgumentException | NullPointerException e) {
            return fail(flow, true, "OpenAI's answer lacked the account details Agento needs. Try again.");
        }
        if (tokens.refreshToken() == null || claims.accountId() == null) {
            return fail(flow, true, "OpenAI's answer lacked a refresh token or account id, so Agento could not keep "
                    + "the connection. Try again.");
        }
        Instant now = clock.instant();
        Instant due = tokens.expiresAt() == null ? null : TokenRefresher.dueAt(now, tokens.expiresAt(), jitter);
        String label = claims.email() == null ? claims.accountId() : claims.email();
        Connection row = new Connection(agentId, "openai", Method.OAUTH.column(), ConnectionState.CONNECTED.column(),
                null, label, claims.accountId(), claims.planType(), null, tokens.expiresAt(), now, due, null, 0, 0,
                now, now);
        Map<SecretRef, String> secrets = new HashMap<>();
        secrets.put(CredentialNames.accessToken(agentId), tokens.accessToken());
        secrets.put(CredentialNames.refreshToken(agentId), tokens.refreshToken());
        if (tokens.idToken() != null) {
            secrets.put(CredentialNames.idToken(agentId), tokens.idToken());
        }
        Optional<String> retired = store.replace(row, secrets, null, "signed_in",
                "Signed in with OpenAI as " + label + (claims.planType() == null ? "" : " (" + claims.planType() + ")") + ".");
        jdbi.useExtension(OAuthFlowRepository.class, r -> r.finish(flow.state(), "connected", null, clock.instant()));
        retired.ifPresent(token -> revoker.revoke(agentId, token));
        refresher.wake();
        log.info("security: agent {} connected to OpenAI by OAuth", agentId);
        return new Result(agentId, flow.isPopup(), true, "Connected to OpenAI as " + label + ".");
    }

    private Result fail(OAuthFlow flow, boolean record, String message) {
        if (record) {
            jdbi.useExtension(OAuthFlowRepository.class, r -> r.finish(flow.state(), "failed", message, clock.instant()));
            store.record(flow.agentId(), "signin_failed", "Sign in with OpenAI failed: " + message);
        }
        return new Result(flow.agentId(), flow.isPopup(), false, message);
    }

    private static String callbackError(OAuthCallback callback) {
        if ("access_denied".equals(callback.error())) {
            return "You clicked Deny on OpenAI's page, so Agento was not connected.";
        }
        String description = callback.errorDescription() == null ? "" : ": " + truncate(callback.errorDescription());
        return "OpenAI reported an error (" + truncate(callback.error()) + ")" + description;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "\u2026" : s;
    }
}
