package agento.provider.oauth;

import agento.agents.Agent;
import agento.provider.openai.OAuthClient;
import agento.vault.SecretUnreadableException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of Sign in with OpenAI: checks the callback (or a pasted address) before any token request, then
 * {@link SignInCompletion} exchanges the code with the PKCE verifier and stores the tokens.
 */
public final class OAuthCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(OAuthCallbackHandler.class);

    private final SignInAttempts attempts;
    private final OAuthClient oauth;
    private final SignInCompletion completion;

    public OAuthCallbackHandler(SignInAttempts attempts, OAuthClient oauth, SignInCompletion completion) {
        this.attempts = attempts;
        this.oauth = oauth;
        this.completion = completion;
    }

    /** What a callback came to, for the page that shows it. */
    public record Result(Long agentId, boolean popup, boolean connected, String message, CallbackRefusal refusal) {
        Result(Long agentId, boolean popup, boolean connected, String message) {
            this(agentId, popup, connected, message, null);
        }

        static Result refused(Long agentId, CallbackRefusal refusal) {
            return new Result(agentId, false, false, refusal.message(), refusal);
        }
    }

    /** Checks the callback (state known, unexpired, unused, this session) before any token request. */
    public Result complete(Long sessionUserId, String sessionBinding, OAuthCallback callback) {
        if (callback.state() == null || callback.state().isBlank() || callback.state().length() > 128) {
            return Result.refused(null, CallbackRefusal.NO_STATE);
        }
        // a sign-in with a code never comes back through a callback
        Optional<OAuthFlow> found = attempts.find(callback.state()).filter(f -> !f.isDevice());
        if (found.isEmpty()) {
            log.warn("security: OAuth callback with an unknown state");
            return Result.refused(null, CallbackRefusal.UNKNOWN);
        }
        OAuthFlow flow = found.get();
        if (sessionUserId == null || flow.userId() != sessionUserId || !flow.sessionBinding().equals(sessionBinding)) {
            log.warn("security: OAuth callback for agent {} from another session", flow.agentId());
            return Result.refused(sessionUserId != null && flow.userId() == sessionUserId ? flow.agentId() : null,
                    CallbackRefusal.OTHER_SESSION);
        }
        if (flow.usedAt() != null) {
            return usedUp(flow);
        }
        if (flow.expiresAt().isBefore(attempts.now())) {
            return fail(flow, true, "This sign-in attempt expired (they last 10 minutes). Start again.");
        }
        if (!attempts.markUsed(flow)) {
            return usedUp(attempts.find(flow.state()).orElse(flow));
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

    /**
     * The agent whose sign-in a refused callback belonged to, for the failure page's Try again: told only to its
     * own person or to a browser signed in as no one (it came back where it is not signed in), never to another.
     */
    public Optional<Long> agentToRetry(Long sessionUserId, String state) {
        if (state == null || state.isBlank() || state.length() > 128) {
            return Optional.empty();
        }
        return attempts.find(state).filter(f -> sessionUserId == null || f.userId() == sessionUserId)
                .map(OAuthFlow::agentId);
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
        String verifier;
        try {
            verifier = attempts.verifier(flow);
        } catch (SecretUnreadableException e) {
            return fail(flow, true, SignInCompletion.LACKS_DETAILS);
        }
        return completion.exchange(flow, oauth, code, verifier);
    }

    /** Used before (or cancelled in Agento meanwhile): refused, the attempt's record left as it is. */
    private Result usedUp(OAuthFlow flow) {
        return fail(flow, false, OAuthSignIn.CANCELLED.equals(flow.outcome())
                ? "This sign-in was cancelled in Agento, so it cannot finish. Start again to connect."
                : "This sign-in attempt was already used. Start again to connect.");
    }

    private Result fail(OAuthFlow flow, boolean record, String message) {
        return completion.fail(flow, record, message);
    }

    private static String callbackError(OAuthCallback callback) {
        if ("access_denied".equals(callback.error())) {
            return "You clicked Deny on OpenAI's page, so Agento was not connected.";
        }
        String description = callback.errorDescription() == null ? "" : ": " + truncate(callback.errorDescription());
        return "OpenAI reported an error (" + truncate(callback.error()) + ")" + description;
    }

    private static String truncate(String s) {
        return SignInCompletion.truncate(s, 200);
    }
}
