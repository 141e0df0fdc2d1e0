package agento.connections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background thread: refreshes every due connection, then sleeps until the earliest due time (at most 30 s,
 * so rows written by other servers are noticed) or until {@link #wake()}. Schedules live in the database, so the
 * first pass after a restart renews tokens that expired while the server was down.
 */
final class RefreshLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
    private static final Duration MIN_SLEEP = Duration.ofMillis(50);
    private static final Duration AFTER_ERROR = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final LongConsumer refreshOne;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile Thread thread;

    RefreshLoop(Jdbi jdbi, Clock clock, LongConsumer refreshOne) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.refreshOne = refreshOne;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the token refresher is already started");
        }
        running = true;
        thread = new Thread(this, "agento-token-refresher");
        thread.setDaemon(true);
        thread.start();
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    synchronized void stop() {
        running = false;
        wake();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(RefreshSchedule.MAX_WAIT_FOR_OTHER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            Duration sleep;
            try {
                sleep = pass();
            } catch (RuntimeException e) {
                log.warn("Token refresher pass failed: {}", e.toString());
                sleep = AFTER_ERROR;
            }
            sleepFor(sleep);
        }
    }

    /** Refreshes what is due; returns how long to sleep. */
    private Duration pass() {
        List<Long> due = jdbi.withExtension(RefreshRepository.class, r -> r.due(clock.instant()));
        boolean failed = false;
        for (long agentId : due) {
            if (!running) {
                break;
            }
            try {
                refreshOne.accept(agentId);
            } catch (RefreshException expected) {
                log.debug("Token refresh for agent {}: {}", agentId, expected.getClass().getSimpleName());
            } catch (RuntimeException e) {
                failed = true;
                log.warn("Token refresh for agent {} failed unexpectedly: {}", agentId, e.getClass().getName());
            }
        }
        Instant next = jdbi.withExtension(RefreshRepository.class, RefreshRepository::nextDue);
        Duration sleep = next == null ? RefreshSchedule.MAX_SLEEP : Duration.between(clock.instant(), next);
        sleep = sleep.compareTo(RefreshSchedule.MAX_SLEEP) > 0 ? RefreshSchedule.MAX_SLEEP : sleep;
        Duration floor = failed ? AFTER_ERROR : MIN_SLEEP;
        return sleep.compareTo(floor) < 0 ? floor : sleep;
    }

    private void sleepFor(Duration sleep) {
        long deadline = System.nanoTime() + sleep.toNanos();
        synchronized (signal) {
            try {
                while (!woken && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }
}
