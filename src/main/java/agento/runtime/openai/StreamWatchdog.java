package agento.runtime.openai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a stream that stays silent longer than the idle timeout or runs past the deadline: a blocking read
 * has no timeout of its own, and a trickling server would otherwise hold a thread forever.
 */
final class StreamWatchdog implements AutoCloseable {

    enum Expiry { IDLE, DEADLINE }

    private final Duration idle;
    private final long deadlineNanos;
    private final Runnable closeStream;
    private final ScheduledFuture<?> ticks;
    private volatile long lastActivity = System.nanoTime();
    private volatile Expiry expired;

    StreamWatchdog(ScheduledExecutorService timer, Duration idle, long deadlineNanos, Runnable closeStream) {
        this.idle = idle;
        this.deadlineNanos = deadlineNanos;
        this.closeStream = closeStream;
        long period = Math.max(10, Math.min(1000, idle.toMillis() / 10));
        this.ticks = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** Counts every chunk read from {@code in} as a sign of life. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                lastActivity = System.nanoTime();
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                lastActivity = System.nanoTime();
                return n;
            }
        };
    }

    /** Why the watchdog closed the stream, or null while it has not. */
    Expiry expired() {
        return expired;
    }

    private void check() {
        long now = System.nanoTime();
        if (expired == null && (now - deadlineNanos >= 0 || now - lastActivity >= idle.toNanos())) {
            expired = now - deadlineNanos >= 0 ? Expiry.DEADLINE : Expiry.IDLE;
            closeStream.run();
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
