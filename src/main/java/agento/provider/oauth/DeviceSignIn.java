package agento.provider.oauth;

import agento.agents.Agent;
import agento.provider.openai.DeviceAuthClient;
import agento.provider.openai.DeviceAuthClient.DeviceCode;
import agento.provider.openai.DeviceAuthClient.Grant;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthFailure;
import agento.vault.SecretUnreadableException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign in with a code (OpenAI's device authorization), for browsers that OpenAI's loopback redirect cannot reach:
 * Agento asks OpenAI for a code, shows it, and polls in the background until the person has entered it at OpenAI;
 * then the authorization code is exchanged and stored by {@link SignInCompletion} exactly like a popup sign-in's.
 */
public final class DeviceSignIn {
    private static final Logger log = LoggerFactory.getLogger(DeviceSignIn.class);
    static final String EXPIRED = "The code expired before it was entered at OpenAI.";

    private final SignInAttempts attempts;
    private final DeviceAuthClient device;
    private final OAuthClient oauth;
    private final SignInCompletion completion;
    private volatile Runnable wakePoller = () -> { };

    /** {@code oauth} is the registration's client; codes are exchanged with the device redirect URI. */
    public DeviceSignIn(SignInAttempts attempts, DeviceAuthClient device, OAuthClient oauth, SignInCompletion completion) {
        this.attempts = attempts;
        this.device = device;
        this.oauth = oauth.withRedirectUri(device.settings().redirectUri());
        this.completion = completion;
    }

    /** The code to show while the latest attempt waits for it, with where to enter it. */
    public record PendingCode(String userCode, String verifyUrl, Instant expiresAt) {
        public String expiresAtText() {
            return DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(expiresAt);
        }
    }

    void onStart(Runnable wake) {
        this.wakePoller = wake;
    }

    /**
     * Asks OpenAI for a code for this agent, bound to this session and the agent's owner (15 minutes, single use);
     * a pending attempt of the same agent ends.
     *
     * @throws OAuthFailure when OpenAI gives no code ({@link DeviceAuthClient#NOT_AVAILABLE} for this client)
     */
    public void start(Agent agent, String sessionBinding) {
        cancel(agent);
        DeviceCode code = device.requestCode();
        Instant now = attempts.now();
        OAuthFlow flow = new OAuthFlow(OAuthSignIn.randomState(), sessionBinding, agent.ownerId(), agent.id(),
                oauth.settings().redirectUri(), "device", now, now.plus(SignInAttempts.DEVICE_LIFETIME), null, null,
                null, (int) code.interval().toSeconds());
        attempts.createDevice(flow, code);
        log.info("security: sign in with a code started for agent {}", agent.id());
        wakePoller.run();
    }

    /** Cancel: the agent's pending sign-in with a code ends; nothing is stored. */
    public void cancel(Agent agent) {
        attempts.latest(agent.ownerId(), agent.id())
                .filter(f -> f.isDevice() && f.usedAt() == null)
                .ifPresent(f -> attempts.finish(f, "cancelled", null));
    }

    /** The code of {@code flow} while it is pending (the card shows it), else empty. */
    public Optional<PendingCode> pendingCode(OAuthFlow flow) {
        if (!flow.isDevice() || !flow.isPending(attempts.now())) {
            return Optional.empty();
        }
        return attempts.userCode(flow).map(code -> new PendingCode(code, device.settings().verifyUrl(), flow.expiresAt()));
    }

    /** True while {@code flow} is a sign-in with a code that has not ended: its code waits, or it is being exchanged. */
    public boolean isWaiting(OAuthFlow flow) {
        return flow.isDevice() && flow.outcome() == null && (flow.usedAt() != null || flow.isPending(attempts.now()));
    }

    /** One poll of an attempt this server claimed: still waiting, expired, refused, or connected. */
    void poll(OAuthFlow flow) {
        if (!flow.isPending(attempts.now())) {
            completion.end(flow, "expired", EXPIRED);
            return;
        }
        Grant grant;
        try {
            grant = device.poll(attempts.deviceCode(flow));
        } catch (OAuthFailure e) {
            if (e.kind() == OAuthFailure.Kind.TRANSIENT) {
                log.info("sign in with a code for agent {}: OpenAI unavailable ({}), polling again", flow.agentId(),
                        e.providerCode());
                attempts.pollLater(flow);
            } else {
                completion.fail(flow, true, "OpenAI refused the sign-in with a code (" + (e.providerCode() == null
                        ? "rejected" : e.providerCode()) + "). Get a new code to try again.");
            }
            return;
        } catch (SecretUnreadableException e) {
            completion.fail(flow, true, SignInCompletion.LACKS_DETAILS);
            return;
        }
        if (grant == null) {
            attempts.pollLater(flow);
        } else if (attempts.markUsed(flow)) {
            completion.exchange(flow, oauth, grant.authorizationCode(), grant.codeVerifier());
        }
    }
}
