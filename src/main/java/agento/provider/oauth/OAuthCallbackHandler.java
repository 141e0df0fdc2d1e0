package agento.provider.oauth;

import agento.agents.Agent;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;
import agento.provider.core.Method;
import agento.provider.core.OldCredentialRevoker;
import agento.provider.openai.IdTokenClaims;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthFailure;
import agento.provider.openai.TokenSet;
import agento.provider.refresh.TokenRefresher;
import agento.vault.SecretRef;
import agento.vault.SecretUnreadableException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of Sign in with OpenAI: checks the callback (or a pasted address) before any token request, exchanges
 * the code with the PKCE verifier, and stores the tokens as the agent's only connection.
 */
public final class OAuthCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(OAuthCallbackHandler.class);

    private final SignInAttempts attempts;
    private final ConnectionStore store;
    private final OAuthClient oauth;
    private final TokenRefresher refresher;
    private final OldCredentialRevoker revoker;

    public OAuthCallbackHandler(SignInAttempts attempts, ConnectionStore store, OAuthClient oauth, TokenRefresher refresher,
                         OldCredentialRevoker revoker) {
        this.attempts = attempts;
        this.store = store;
        this.oauth = oauth;
        this.refresher = refresher;
        this.revoker = revoker;
    }

    /** What a callback came to, for the page that shows it. */
    public record Result(Long agentId, boolean popup, boolean connected, String message) {}

    /** Checks the callback (state known, unexpired, unused, this session) before any token request. */
    public Result complete(Long sessionUserId, String sessionBinding, OAuthCallback callback) {
        if (callback.state() == null || callback.state().isBlank() || callback.state().length() > 128) {
            return new Result(null, false, false, "The answer from OpenAI had no valid sign-in state. Start again "
                    + "from the agent's Settings tab.");
        }
        Optional<OAuthFlow> found = attempts.find(callback.state());
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
        if (flow.expiresAt().isBefore(attempts.now())) {
            return fail(flow, true, "This sign-in attempt expired (they last 10 minutes). Start again.");
        }
        if (!attempts.markUsed(flow)) {
            return fail(flow, false, "This sign-in attempt was already used. Start again to connect.");
        }
        if (callback.error() != null) {
            return fail(flow, true, callbackError(callback));
        }
        if (!oauth.settings().acceptsIssuer(callback.issuer())) {
            log.warn("security: OAuth callback for agent {} from an unexpected issuer", flow.agentId());
            return fail(flow, true, "The answer did not come from the expected sign-in server, so it was ignored.");
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return fail(flow, true, "OpenAI's answer had no authorization code.");
        }
        return exchange(flow, callback.code());
    }

    /** The "paste the address you were sent to" path: the same checks, for this agent only. */
    public Result completePasted(Agent agent, String sessionBinding, String address) {
        long agentId = agent.id();
        OAuthCallback callback = OAuthCallback.parsePasted(address);
        if (callback.state() == null || (callback.code() == null && callback.error() == null)) {
            return new Result(agentId, false, false, "That is not the address OpenAI sent you to: it should contain "
                    + "code= and state=. Copy the whole address from the browser's address bar.");
        }
        Optional<OAuthFlow> flow = attempts.find(callback.state());
        if (flow.isPresent() && flow.get().agentId() != agentId) {
            return new Result(agentId, false, false, "That address belongs to a sign-in for another agent.");
        }
        Result result = complete(agent.ownerId(), sessionBinding, callback);
        return new Result(agentId, false, result.connected(), result.message());
    }

    private Result exchange(OAuthFlow flow, String code) {
        long agentId = flow.agentId();
        TokenSet tokens;
        IdTokenClaims claims;
        try {
            String verifier = attempts.verifier(flow);
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
        if (tokens.refreshToken() == null || claims.accountId() == null || claims.accountId().length() > 200) {
            return fail(flow, true, "OpenAI's answer lacked a refresh token or account id, so Agento could not keep "
                    + "the connection. Try again.");
        }
        Instant now = attempts.now();
        Instant due = tokens.expiresAt() == null ? null : refresher.dueAt(tokens.expiresAt());
        // values from the provider are cut to their columns rather than failing the sign-in
        String label = truncate(claims.email() == null ? claims.accountId() : claims.email(), 299);
        String plan = claims.planType() == null ? null : truncate(claims.planType(), 63);
        Connection row = new Connection(agentId, "openai", Method.OAUTH.column(), ConnectionState.CONNECTED.column(),
                null, label, claims.accountId(), plan, null, tokens.expiresAt(), now, due, null, 0, 0,
                now, now);
        Map<SecretRef, String> secrets = new HashMap<>();
        secrets.put(CredentialNames.accessToken(agentId), tokens.accessToken());
        secrets.put(CredentialNames.refreshToken(agentId), tokens.refreshToken());
        if (tokens.idToken() != null) {
            secrets.put(CredentialNames.idToken(agentId), tokens.idToken());
        }
        Optional<String> retired = store.replace(row, secrets, null, "signed_in",
                "Signed in with OpenAI as " + label + (plan == null ? "" : " (" + plan + ")") + ".");
        attempts.finish(flow, "connected", null);
        retired.ifPresent(token -> revoker.revoke(agentId, token));
        refresher.wake();
        log.info("security: agent {} connected to OpenAI by OAuth", agentId);
        return new Result(agentId, flow.isPopup(), true, "Connected to OpenAI as " + label + ".");
    }

    private Result fail(OAuthFlow flow, boolean record, String message) {
        if (record) {
            attempts.finish(flow, "failed", message);
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
        return truncate(s, 200);
    }

    /** At most {@code max} characters, plus an ellipsis when something was cut. */
    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "\u2026" : s;
    }
}
