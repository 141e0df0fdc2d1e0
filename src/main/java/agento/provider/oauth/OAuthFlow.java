package agento.provider.oauth;

import java.time.Instant;

/**
 * A row of {@code oauth_flows}: one sign-in attempt, single use, bound to a session, user and agent. Mode popup or
 * redirect (Sign in with OpenAI), or device (sign in with a code, polled every {@code pollIntervalSeconds}).
 */
public record OAuthFlow(String state, String sessionBinding, long userId, long agentId, String redirectUri, String mode,
                        Instant createdAt, Instant expiresAt, Instant usedAt, String outcome, String outcomeDetail,
                        Integer pollIntervalSeconds) {

    boolean isPopup() {
        return "popup".equals(mode);
    }

    public boolean isDevice() {
        return "device".equals(mode);
    }

    /** Not used yet and not expired at {@code now}. */
    public boolean isPending(Instant now) {
        return usedAt == null && expiresAt.isAfter(now);
    }
}
