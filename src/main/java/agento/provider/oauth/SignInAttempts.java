package agento.provider.oauth;

import agento.db.Reads;
import agento.provider.openai.DeviceAuthClient.DeviceCode;
import agento.vault.SecretRef;
import agento.vault.SecretStore;
import agento.vault.SecretUnreadableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Sign-in attempts ({@code oauth_flows}) and their secrets (the PKCE verifier; with a code, the device auth id and
 * user code), which live in the vault like every other secret (owner {@code oauth_flow}/state), so key rotation
 * covers them. An attempt lasts 10 minutes (with a code: 15) and works once.
 */
public final class SignInAttempts {
    // read for every Settings page: a fluent read (see Reads)
    private static final String LATEST = "SELECT * FROM oauth_flows WHERE agent_id = :agent AND user_id = :user "
            + "ORDER BY created_at DESC, used_at DESC NULLS LAST LIMIT 1";
    private static final RowMapper<OAuthFlow> FLOWS = Reads.rowsOf(OAuthFlow.class);
    // the device poller reads these on every pass, most often to find nothing: fluent reads, not a SQL Object
    private static final String DUE_POLLS = "SELECT state FROM oauth_flows WHERE mode = 'device' AND used_at IS NULL "
            + "AND next_poll_at <= :now AND (poll_lease_until IS NULL OR poll_lease_until < :now) "
            + "ORDER BY next_poll_at";
    /** The next due poll, or later while another server holds it. */
    private static final String NEXT_POLL = "SELECT MIN(CASE WHEN poll_lease_until IS NOT NULL "
            + "AND poll_lease_until > next_poll_at THEN poll_lease_until ELSE next_poll_at END) FROM oauth_flows "
            + "WHERE mode = 'device' AND used_at IS NULL";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration DEVICE_LIFETIME = Duration.ofMinutes(15);
    private static final String OWNER = "oauth_flow";
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
        return new SecretRef(OWNER, state, "code_verifier");
    }

    private static SecretRef deviceAuthIdRef(String state) {
        return new SecretRef(OWNER, state, "device_auth_id");
    }

    private static SecretRef userCodeRef(String state) {
        return new SecretRef(OWNER, state, "user_code");
    }

    Instant now() {
        return clock.instant();
    }

    /** Stores a new attempt with its verifier; attempts older than a day go (with their secrets). */
    void create(OAuthFlow flow, String codeVerifier) {
        jdbi.useTransaction(h -> {
            OAuthFlowRepository flows = insert(h, flow);
            secrets.put(h, verifierRef(flow.state()), codeVerifier);
        });
    }

    /** Stores a new sign-in with a code: its device auth id and user code in the vault, the first poll planned. */
    void createDevice(OAuthFlow flow, DeviceCode code) {
        jdbi.useTransaction(h -> {
            OAuthFlowRepository flows = insert(h, flow);
            secrets.put(h, deviceAuthIdRef(flow.state()), code.deviceAuthId());
            secrets.put(h, userCodeRef(flow.state()), code.userCode());
            flows.schedulePolls(flow.state(), code.interval().toSeconds(), pollTime(flow.createdAt().plus(code.interval())));
        });
    }

    private OAuthFlowRepository insert(Handle h, OAuthFlow flow) {
        OAuthFlowRepository flows = h.attach(OAuthFlowRepository.class);
        for (String old : flows.expired(flow.createdAt().minus(KEPT))) {
            secrets.deleteAllOwnedBy(h, OWNER, old);
            flows.delete(old);
        }
        flows.insert(flow);
        return flows;
    }

    /** The code to poll with, from the vault. */
    DeviceCode deviceCode(OAuthFlow flow) {
        String id = secrets.read(deviceAuthIdRef(flow.state()))
                .orElseThrow(() -> new SecretUnreadableException("no device auth id for this sign-in attempt"));
        return new DeviceCode(id, userCode(flow).orElseThrow(() ->
                new SecretUnreadableException("no user code for this sign-in attempt")),
                Duration.ofSeconds(flow.pollIntervalSeconds() == null ? 5 : flow.pollIntervalSeconds()));
    }

    /** The code the person enters at OpenAI, while the attempt keeps it. */
    Optional<String> userCode(OAuthFlow flow) {
        return secrets.read(userCodeRef(flow.state()));
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

    /** Records the outcome; the attempt's secrets are no longer needed. */
    void finish(OAuthFlow flow, String outcome, String detail) {
        jdbi.useTransaction(h -> {
            h.attach(OAuthFlowRepository.class).finish(flow.state(), outcome, detail, clock.instant());
            secrets.deleteAllOwnedBy(h, OWNER, flow.state());
        });
    }

    /** The latest attempt of this user for this agent, if it started less than 10 minutes (with a code: 25) ago. */
    Optional<OAuthFlow> latest(long userId, long agentId) {
        return Reads.one(jdbi, LATEST, FLOWS, "agent", agentId, "user", userId)
                .filter(f -> f.createdAt().isAfter(clock.instant().minus(
                        f.isDevice() ? DEVICE_LIFETIME.plus(LIFETIME) : LIFETIME)));
    }

    /** Sign-ins with a code that are due for a poll now, each claimed for this server; see {@link #pollLater}. */
    List<OAuthFlow> claimDuePolls(Duration lease) {
        Instant now = clock.instant();
        List<String> due = Reads.column(jdbi, DUE_POLLS, String.class, "now", now);
        if (due.isEmpty()) {
            return List.of();
        }
        return jdbi.withExtension(OAuthFlowRepository.class, r -> due.stream()
                .filter(state -> r.takePollLease(state, now, now.plus(lease)) == 1)
                .flatMap(state -> r.find(state).stream()).toList());
    }

    /** Polls again after the attempt's interval; frees the claim. */
    void pollLater(OAuthFlow flow) {
        Instant next = pollTime(now()).plusSeconds(flow.pollIntervalSeconds() == null ? 5 : flow.pollIntervalSeconds());
        jdbi.useExtension(OAuthFlowRepository.class, r -> r.pollLater(flow.state(), next));
    }

    // to the millisecond: a stored time never rounds up past the clock it is compared with (H2 rounds to micros)
    private static Instant pollTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** When the next poll of any server's sign-in with a code is due, or null when none is pending. */
    Instant nextPoll() {
        return Reads.value(jdbi, NEXT_POLL, Instant.class);
    }

    /** Agent deletion: the attempts' verifiers go in the caller's transaction (the rows cascade). */
    public void removeForAgent(Handle h, long agentId) {
        for (String state : h.attach(OAuthFlowRepository.class).ofAgent(agentId)) {
            secrets.deleteAllOwnedBy(h, OWNER, state);
        }
    }
}
