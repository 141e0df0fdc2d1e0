package agento.provider.oauth;

import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;
import agento.provider.core.Method;
import agento.provider.core.OldCredentialRevoker;
import agento.provider.oauth.OAuthCallbackHandler.Result;
import agento.provider.openai.IdTokenClaims;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthFailure;
import agento.provider.openai.TokenSet;
import agento.provider.refresh.TokenRefresher;
import agento.vault.SecretRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step every sign-in shares (popup, same tab, pasted address, with a code): exchange the authorization code
 * with its PKCE verifier, store the tokens as the agent's only connection (an older sign-in is revoked), end the
 * attempt, and let the refresher plan the renewal. A failure ends the attempt with its reason and an Activity line.
 */
public final class SignInCompletion {
    static final String LACKS_DETAILS = "OpenAI's answer lacked the account details Agento needs. Try again.";
    private static final Logger log = LoggerFactory.getLogger(SignInCompletion.class);

    private final SignInAttempts attempts;
    private final ConnectionStore store;
    private final TokenRefresher refresher;
    private final OldCredentialRevoker revoker;

    public SignInCompletion(SignInAttempts attempts, ConnectionStore store, TokenRefresher refresher,
                            OldCredentialRevoker revoker) {
        this.attempts = attempts;
        this.store = store;
        this.refresher = refresher;
        this.revoker = revoker;
    }

    /** Exchanges {@code code} at {@code oauth}'s token endpoint (its redirect URI) and stores the connection. */
    Result exchange(OAuthFlow flow, OAuthClient oauth, String code, String verifier) {
        long agentId = flow.agentId();
        TokenSet tokens;
        IdTokenClaims claims;
        try {
            tokens = oauth.exchangeCode(code, verifier);
            claims = IdTokenClaims.parse(tokens.idToken());
        } catch (OAuthFailure e) {
            log.warn("security: OAuth code exchange for agent {} failed: {}", agentId, e.kind());
            return fail(flow, true, e.kind() == OAuthFailure.Kind.TRANSIENT
                    ? "OpenAI could not be reached to finish the sign-in. Try again in a moment."
                    : "OpenAI refused to finish the sign-in (" + (e.providerCode() == null ? "rejected" : e.providerCode())
                    + "). Try again.");
        } catch (IllegalArgumentException | NullPointerException e) {
            return fail(flow, true, LACKS_DETAILS);
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
        log.info("security: agent {} connected to OpenAI by OAuth{}", agentId, flow.isDevice() ? " (with a code)" : "");
        return new Result(agentId, flow.isPopup(), true, "Connected to OpenAI as " + label + ".");
    }

    /** Ends the attempt as failed; {@code record}: also keep the reason and add an Activity line. */
    Result fail(OAuthFlow flow, boolean record, String message) {
        return end(flow, record ? "failed" : null, message);
    }

    /** Ends the attempt with {@code outcome} (failed, expired) and an Activity line; null outcome: leaves it as is. */
    Result end(OAuthFlow flow, String outcome, String message) {
        if (outcome != null) {
            attempts.finish(flow, outcome, message);
            store.record(flow.agentId(), "signin_failed", (flow.isDevice() ? "Sign in with a code" : "Sign in with OpenAI")
                    + " failed: " + message);
        }
        return new Result(flow.agentId(), flow.isPopup(), false, message);
    }

    /** At most {@code max} characters, plus an ellipsis when something was cut. */
    static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "\u2026" : s;
    }
}
