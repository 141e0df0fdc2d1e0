package agento.provider.oauth;

import agento.common.BackgroundLoop;
import agento.common.BackgroundWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls OpenAI for every pending sign-in with a code, on whichever server finds it due: each poll is claimed with a
 * lease on the row, so servers sharing the database take turns and OpenAI is asked once per interval.
 */
public final class DevicePoller implements BackgroundWorker {
    /** Longer than a poll and a code exchange together (10 s each at most); runs out if its server dies. */
    static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration MIN_NAP = Duration.ofMillis(50);
    /** The longest nap while a code is pending, so a clock that jumps (or another server's start) is noticed. */
    private static final Duration MAX_NAP = Duration.ofSeconds(1);
    /** With nothing pending here: how often to look for codes other servers started. */
    private static final Duration IDLE_NAP = Duration.ofSeconds(5);

    private final SignInAttempts attempts;
    private final DeviceSignIn signIn;
    private final Clock clock;
    private final BackgroundLoop loop;

    public DevicePoller(SignInAttempts attempts, DeviceSignIn signIn, Clock clock) {
        this.attempts = attempts;
        this.signIn = signIn;
        this.clock = clock;
        this.loop = new BackgroundLoop("agento-device-sign-in", this::pass, IDLE_NAP, Duration.ofSeconds(25));
        signIn.onStart(loop::wake);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
    }

    private Duration pass() {
        attempts.claimDuePolls(LEASE).forEach(signIn::poll);
        Instant next = attempts.nextPoll();
        if (next == null) {
            return IDLE_NAP;
        }
        Duration wait = Duration.between(clock.instant(), next);
        return wait.compareTo(MIN_NAP) < 0 ? MIN_NAP : wait.compareTo(MAX_NAP) > 0 ? MAX_NAP : wait;
    }
}
