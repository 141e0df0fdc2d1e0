package agento.db;

import agento.common.BackgroundLoop;
import agento.common.BackgroundWorker;
import java.time.Duration;

/**
 * What {@code /health} reports: the database state a background thread last saw, checked every quarter second, so
 * an uptime checker's request never waits on the database. A state older than a second counts as down, so a
 * database that hangs rather than refuses still turns {@code /health} to 503 within a second.
 */
public final class DatabaseHealth implements BackgroundWorker {
    static final Duration EVERY = Duration.ofMillis(250);
    static final Duration STALE_AFTER = Duration.ofSeconds(1);

    private final Database database;
    private final BackgroundLoop loop;
    private volatile boolean reachable;
    private volatile long lastReachableNanos;

    public DatabaseHealth(Database database) {
        this.database = database;
        this.loop = new BackgroundLoop("agento-db-health", this::check, EVERY, EVERY);
    }

    /** Checks once now (so the first answer is right), then keeps checking in the background. */
    @Override
    public void start() {
        check();
        loop.start();
    }

    public boolean isUp() {
        return reachable && System.nanoTime() - lastReachableNanos < STALE_AFTER.toNanos();
    }

    private Duration check() {
        boolean now = database.isReachable();
        if (now) {
            lastReachableNanos = System.nanoTime();
        }
        reachable = now;
        return EVERY;
    }

    @Override
    public void close() {
        loop.close();
    }
}
