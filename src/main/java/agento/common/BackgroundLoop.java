package agento.common;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs a pass, sleeps as long as the pass asked (or until {@link #wake()}), and runs it again
 * until closed. A pass that throws is logged and retried after {@code afterError}.
 */
public final class BackgroundLoop implements BackgroundWorker {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Supplier<Duration> pass;
    private final Duration afterError;
    private final Duration maxStopWait;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile Thread thread;

    /** {@code pass} does one round of work and returns how long to sleep before the next. */
    public BackgroundLoop(String name, Supplier<Duration> pass, Duration afterError, Duration maxStopWait) {
        this.name = name;
        this.pass = pass;
        this.afterError = afterError;
        this.maxStopWait = maxStopWait;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " is already started");
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the current sleep now, so the next pass runs at once. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the loop, waiting (up to the stop wait) for a pass in progress to finish. */
    @Override
    public synchronized void close() {
        running = false;
        wake();
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(maxStopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            Duration sleep;
            try {
                sleep = pass.get();
            } catch (RuntimeException e) {
                log.warn("{} pass failed: {}", name, e.toString());
                sleep = afterError;
            }
            sleepFor(sleep);
        }
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
