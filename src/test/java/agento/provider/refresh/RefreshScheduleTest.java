package agento.provider.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RefreshScheduleTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    /** Always the smallest draw: no jitter. */
    private static final RandomGenerator NO_JITTER = () -> 0L;

    @Test
    void the_margin_is_five_minutes_for_long_lived_tokens_and_a_fifth_of_the_lifetime_for_short_ones() {
        assertThat(RefreshSchedule.dueAt(NOW, NOW.plus(Duration.ofHours(1)), NO_JITTER))
                .isEqualTo(NOW.plus(Duration.ofMinutes(55)));
        assertThat(RefreshSchedule.dueAt(NOW, NOW.plus(Duration.ofMinutes(10)), NO_JITTER))
                .isEqualTo(NOW.plus(Duration.ofMinutes(8)));
        assertThat(RefreshSchedule.dueAt(NOW, NOW.plusSeconds(3), NO_JITTER)).isEqualTo(NOW.plusMillis(2400));
    }

    @Test
    void jitter_spreads_tokens_with_the_same_expiry_and_every_due_time_stays_strictly_before_it() {
        RandomGenerator seeded = new SplittableRandom(2030);
        for (Duration lifetime : new Duration[] {Duration.ofHours(1), Duration.ofSeconds(3), Duration.ofMillis(50)}) {
            Instant expiry = NOW.plus(lifetime);
            Set<Instant> due = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                Instant at = RefreshSchedule.dueAt(NOW, expiry, seeded);
                assertThat(at).isBefore(expiry).isAfterOrEqualTo(NOW);
                due.add(at);
            }
            assertThat(due).as("distinct due times for a %s token", lifetime).hasSizeGreaterThan(1);
        }
        Instant expiry = NOW.plus(Duration.ofHours(1));
        assertThat(RefreshSchedule.dueAt(NOW, expiry, seeded)).isBetween(expiry.minus(Duration.ofSeconds(450)),
                expiry.minus(Duration.ofMinutes(5)));
    }

    @Test
    void a_token_already_expired_or_about_to_is_due_now() {
        assertThat(RefreshSchedule.dueAt(NOW, NOW.minusSeconds(30), NO_JITTER)).isEqualTo(NOW);
        assertThat(RefreshSchedule.dueAt(NOW, NOW.plusMillis(1), NO_JITTER)).isEqualTo(NOW);
    }

    @Test
    void retries_back_off_from_one_second_doubling_up_to_five_minutes_plus_jitter() {
        assertThat(RefreshSchedule.backoff(1, NO_JITTER)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RefreshSchedule.backoff(2, NO_JITTER)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RefreshSchedule.backoff(3, NO_JITTER)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RefreshSchedule.backoff(9, NO_JITTER)).isEqualTo(Duration.ofMinutes(4).plusSeconds(16));
        assertThat(RefreshSchedule.backoff(10, NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RefreshSchedule.backoff(500, NO_JITTER)).isEqualTo(Duration.ofMinutes(5));
        RandomGenerator seeded = new SplittableRandom(7);
        for (int failures = 1; failures < 40; failures++) {
            Duration base = RefreshSchedule.backoff(failures, NO_JITTER);
            assertThat(RefreshSchedule.backoff(failures, seeded)).isBetween(base, base.plus(base.dividedBy(4)));
        }
    }
}
