package agento.runtime.openai;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Stop generating": hand one to {@link ResponsesClient#stream} and call {@link #stop()} from any thread.
 * Stopping closes the HTTP connection of the stream in flight, so OpenAI stops generating too.
 */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Runnable> onStop = new AtomicReference<>();

    /** Stops the stream; safe to call more than once, before, during or after it. */
    public void stop() {
        stopped.countDown();
        runOnStop();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** What stopping must do right now (close the connection); replaces the previous action. */
    void whenStopped(Runnable action) {
        onStop.set(action);
        if (isStopped()) {
            runOnStop();
        }
    }

    void clear() {
        onStop.set(null);
    }

    /** Sleeps up to {@code wait}; true when stopped meanwhile. */
    boolean sleep(Duration wait) throws InterruptedException {
        return stopped.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void runOnStop() {
        Runnable action = onStop.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }
}
