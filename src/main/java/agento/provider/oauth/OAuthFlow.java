package agento.provider.oauth;

import java.time.Instant;

/** A row of {@code oauth_flows}: one sign-in attempt, single use, bound to a session, user and agent. */
public record OAuthFlow(String state, String sessionBinding, long userId, long agentId, String redirectUri, String mode,
                        Instant createdAt, Instant expiresAt, Instant usedAt, String outcome, String outcomeDetail) {

    boolean isPopup() {
        return "popup".equals(mode);
    }
}
