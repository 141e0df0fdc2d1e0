package agento.accounts;

import agento.web.WebServer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets only a few password hashes be computed at once. Each Argon2id computation holds its whole memory cost (19 MiB)
 * until it ends: sixteen wrong sign-ins sent at the same moment took 300 MiB, and a server with a 128 MiB heap died of
 * an OutOfMemoryError. A hash beyond the slots waits its turn, in order; when too many already wait, or the wait grows
 * too long, the caller gets {@link Busy} and tells the person to try again, changing nothing.
 */
final class HashingSlots {
    /** The slots of this process: every password hash in it goes through them. */
    static final HashingSlots PROCESS = forThisServer(Runtime.getRuntime().maxMemory(),
            Runtime.getRuntime().availableProcessors());

    private final int capacity;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final Duration maxWait;

    HashingSlots(int slots, int maxWaiting, Duration maxWait) {
        this.capacity = slots;
        this.slots = new Semaphore(slots, true);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /**
     * A slot per core, as many as a quarter of the heap holds; callers waiting and hashing together take at most a
     * quarter of the web server's request threads (a flood of sign-ins must leave the rest to every other page).
     */
    static HashingSlots forThisServer(long maxHeapBytes, int cores) {
        int slots = slotsFor(maxHeapBytes, cores);
        return new HashingSlots(slots, maxWaiting(slots), Duration.ofSeconds(5));
    }

    static int slotsFor(long maxHeapBytes, int cores) {
        long affordable = maxHeapBytes / 4 / ((long) PasswordHasher.MEMORY_KIB * 1024);
        return (int) Math.max(1, Math.min(Math.min(cores, WebServer.MAX_THREADS / 8), affordable));
    }

    static int maxWaiting(int slots) {
        return Math.max(2, WebServer.MAX_THREADS / 4 - slots);
    }

    int capacity() {
        return capacity;
    }

    int maxWaiting() {
        return maxWaiting;
    }

    int waiting() {
        return waiting.get();
    }

    /** Runs {@code work} in a free slot, waiting for one if need be; {@link Busy} when none comes free in time. */
    <T> T run(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        // not tryAcquire(): that one ignores fairness, and newcomers would take slots from those already waiting
        if (acquireWithin(0)) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Busy();
        }
        try {
            if (!acquireWithin(maxWait.toNanos())) {
                throw new Busy();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private boolean acquireWithin(long nanos) {
        try {
            return slots.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    /** No slot came free: nothing was checked or changed; the person may simply try again. */
    static final class Busy extends RuntimeException {
        static final String MESSAGE = "Agento is busy checking other passwords. Try again in a few seconds.";

        Busy() {
            super("every password-hashing slot is taken", null, false, false);
        }
    }
}
