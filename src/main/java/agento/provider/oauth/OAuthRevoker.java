package agento.provider.oauth;

import agento.provider.core.OldCredentialRevoker;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 7009 revocation of a refresh token Agento no longer needs; a failure is logged, never thrown. */
public final class OAuthRevoker implements OldCredentialRevoker {
    private static final Logger log = LoggerFactory.getLogger(OAuthRevoker.class);
    private final OAuthClient oauth;

    public OAuthRevoker(OAuthClient oauth) {
        this.oauth = oauth;
    }

    @Override
    public boolean revoke(long agentId, String refreshToken) {
        try {
            oauth.revoke(refreshToken);
            log.info("security: refresh token of agent {} revoked at the provider", agentId);
            return true;
        } catch (OAuthFailure | IllegalStateException e) {
            log.warn("security: revocation for agent {} not confirmed ({})", agentId,
                    e instanceof OAuthFailure f ? f.kind() : "not configured");
            return false;
        }
    }
}
