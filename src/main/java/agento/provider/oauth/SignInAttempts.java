package agento.provider.oauth;

import agento.vault.SecretRef;
import agento.vault.SecretStore;
import agento.vault.SecretUnreadableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-in attempts ({@code oauth_flows}) and their PKCE verifiers, which live in the vault like every other secret
 * (owner {@code oauth_flow}/state), so key rotation covers them. An attempt lasts 10 minutes and works once.
 */
public final class SignInAttempts {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration KEPT = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final Clock clock;

    public SignInAttempts(Jdbi jdbi, SecretStore secrets, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
    }

    static SecretRef verifierRef(String state) {
        return new SecretRef("oauth_flow", state, "code_verifier");
    }

    Instant now() {
        return clock.instant();
    }

    /** Stores a new attempt with its verifier; attempts older than a day go (with their verifiers). */
    void create(OAuthFlow flow, String codeVerifier) {
        jdbi.useTransaction(h -> {
            OAuthFlowRepository flows = h.attach(OAuthFlowRepository.class);
            for (String old : flows.expired(flow.createdAt().minus(KEPT))) {
                secrets.delete(h, verifierRef(old));
                flows.delete(old);
            }
            flows.insert(flow);
            secrets.put(h, verifierRef(flow.state()), codeVerifier);
        });
    }

    Optional<OAuthFlow> find(String state) {
        return jdbi.withExtension(OAuthFlowRepository.class, r -> r.find(state));
    }

    /** Single use: true for the first caller only. */
    boolean markUsed(OAuthFlow flow) {
        return jdbi.withExtension(OAuthFlowRepository.class, r -> r.markUsed(flow.state(), clock.instant())) == 1;
    }

    /** The attempt's PKCE verifier. */
    String verifier(OAuthFlow flow) {
        return secrets.read(verifierRef(flow.state()))
                .orElseThrow(() -> new SecretUnreadableException("no code verifier for this sign-in attempt"));
    }

    /** Records the outcome; the verifier is no longer needed. */
    void finish(OAuthFlow flow, String outcome, String detail) {
        jdbi.useTransaction(h -> {
            h.attach(OAuthFlowRepository.class).finish(flow.state(), outcome, detail, clock.instant());
            secrets.delete(h, verifierRef(flow.state()));
        });
    }

    /** The latest attempt of this user for this agent, if it started less than 10 minutes ago. */
    Optional<OAuthFlow> latest(long userId, long agentId) {
        return jdbi.withExtension(OAuthFlowRepository.class, r -> r.latest(agentId, userId))
                .filter(f -> f.createdAt().isAfter(clock.instant().minus(LIFETIME)));
    }

    /** Agent deletion: the attempts' verifiers go in the caller's transaction (the rows cascade). */
    public void removeForAgent(Handle h, long agentId) {
        for (String state : h.attach(OAuthFlowRepository.class).ofAgent(agentId)) {
            secrets.delete(h, verifierRef(state));
        }
    }
}
