package agento.jvm;

import agento.common.BackgroundLoop;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap a burst of work grew back to the system once the server falls idle. The serial collector (our
 * default, scripts/java-options) shrinks the heap only after a full collection, and an idle server makes none, so
 * after a burst of requests the heap stayed at its peak: about 25 MB of RSS more than it needs at rest. G1 does this
 * itself (-XX:G1PeriodicGCInterval, JEP 346); for the serial collector this loop does the same: when a check finds no
 * collection since the one before, but some since the last shrink, it asks for one full collection. A server that
 * stays idle is never collected again; one that stays busy never by this loop.
 */
public final class IdleHeapShrink {
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(IdleHeapShrink.class);

    private final LongSupplier collections;
    private final Runnable collect;
    private long seen;
    private boolean grownSinceShrink;

    IdleHeapShrink(LongSupplier collections, Runnable collect) {
        this.collections = collections;
        this.collect = collect;
        this.seen = collections.getAsLong();
    }

    /** The loop that does it, or empty when the JVM runs a collector other than the serial one. */
    public static Optional<BackgroundLoop> forThisJvm() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        boolean serial = collectors.stream().anyMatch(c -> c.getName().equals("MarkSweepCompact"));
        if (!serial) {
            return Optional.empty();
        }
        IdleHeapShrink shrink = new IdleHeapShrink(
                () -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum(), System::gc);
        return Optional.of(new BackgroundLoop("idle-heap-shrink", shrink::check, CHECK_EVERY, Duration.ofSeconds(1)));
    }

    /** One check; returns the wait before the next. */
    Duration check() {
        long now = collections.getAsLong();
        if (now != seen) {
            seen = now;
            grownSinceShrink = true;
        } else if (grownSinceShrink) {
            long started = System.nanoTime();
            collect.run();
            seen = collections.getAsLong();
            grownSinceShrink = false;
            log.debug("idle: full collection in {} ms to shrink the heap", (System.nanoTime() - started) / 1_000_000);
        }
        return CHECK_EVERY;
    }
}
