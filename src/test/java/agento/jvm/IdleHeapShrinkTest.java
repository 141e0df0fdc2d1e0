package agento.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleHeapShrinkTest {
    private final AtomicLong collections = new AtomicLong(7);
    private final AtomicInteger shrinks = new AtomicInteger();
    private final IdleHeapShrink shrink = new IdleHeapShrink(collections::get, () -> {
        shrinks.incrementAndGet();
        collections.incrementAndGet(); // a full collection counts as one, like System.gc() does
    });

    @Test
    void a_server_idle_from_the_start_is_never_collected() {
        for (int i = 0; i < 5; i++) {
            shrink.check();
        }
        assertThat(shrinks).hasValue(0);
    }

    @Test
    void a_busy_server_is_not_collected_while_it_stays_busy_and_once_when_it_falls_idle() {
        for (int i = 0; i < 5; i++) {
            collections.addAndGet(40); // young collections under load between two checks
            shrink.check();
        }
        assertThat(shrinks).hasValue(0);

        shrink.check();
        assertThat(shrinks).hasValue(1);
        for (int i = 0; i < 5; i++) {
            shrink.check();
        }
        assertThat(shrinks).as("its own collection is not activity").hasValue(1);

        collections.incrementAndGet(); // a little work later
        shrink.check();
        shrink.check();
        assertThat(shrinks).hasValue(2);
    }

    @Test
    void the_loop_runs_only_on_the_serial_collector() {
        boolean serial = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(c -> c.getName().equals("MarkSweepCompact"));
        assertThat(IdleHeapShrink.forThisJvm().isPresent()).isEqualTo(serial);
    }

    @Test
    void checks_come_every_five_seconds() {
        assertThat(shrink.check()).isEqualTo(IdleHeapShrink.CHECK_EVERY).hasSeconds(5);
    }
}
