package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.web.WebServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_128_mib_heap_gets_one_slot_and_a_large_one_no_more_than_a_slot_per_core() {
        assertThat(HashingSlots.slotsFor(128L << 20, 2)).isEqualTo(1);
        assertThat(HashingSlots.slotsFor(256L << 20, 2)).isEqualTo(2);
        assertThat(HashingSlots.slotsFor(8L << 30, 2)).isEqualTo(2);
        assertThat(HashingSlots.slotsFor(32L << 20, 8)).isEqualTo(1);
        assertThat(HashingSlots.slotsFor(64L << 30, 64)).isEqualTo(WebServer.MAX_THREADS / 8);
    }

    @Test
    void hashing_and_waiting_together_never_take_more_than_a_quarter_of_the_request_threads() {
        for (int cores : new int[] {1, 2, 4, 8, 64}) {
            HashingSlots slots = HashingSlots.forThisServer(64L << 30, cores);
            assertThat(slots.capacity() + slots.maxWaiting()).as("%d cores", cores)
                    .isLessThanOrEqualTo(Math.max(WebServer.MAX_THREADS / 4, slots.capacity() + 2));
        }
        HashingSlots small = HashingSlots.forThisServer(128L << 20, 2);
        assertThat(small.capacity()).isEqualTo(1);
        assertThat(small.maxWaiting()).isEqualTo(WebServer.MAX_THREADS / 4 - 1);
    }

    @Test
    void no_more_hashes_run_at_once_than_there_are_slots_and_the_others_wait_their_turn() throws Exception {
        HashingSlots slots = new HashingSlots(2, 20, Duration.ofSeconds(30));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            results.add(threads.submit(() -> slots.run(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(20);
                running.decrementAndGet();
                return "hash " + n;
            })));
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("hash " + i);
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void when_too_many_already_wait_the_next_one_is_refused_at_once() throws Exception {
        HashingSlots slots = new HashingSlots(1, 1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheOnlySlot(slots, release);
        Future<String> waiter = threads.submit(() -> slots.run(() -> "waited"));
        waitUntil(() -> slots.waiting() == 1);

        long before = System.nanoTime();
        assertThatThrownBy(() -> slots.run(() -> "third")).isInstanceOf(HashingSlots.Busy.class)
                .hasMessageNotContaining("third");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("waited");
        assertThat(slots.run(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void a_wait_longer_than_allowed_ends_in_busy_and_leaves_the_slot_to_its_holder() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdTheOnlySlot(slots, release);

        assertThatThrownBy(() -> slots.run(() -> "late")).isInstanceOf(HashingSlots.Busy.class);
        assertThat(slots.waiting()).isZero();

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertThat(slots.run(() -> "next")).isEqualTo("next");
    }

    /** Takes {@code slots}' one slot on another thread until {@code release}; returns once it holds it. */
    private Future<?> holdTheOnlySlot(HashingSlots slots, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> slots.run(() -> {
            holding.countDown();
            return await(release);
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static String await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
