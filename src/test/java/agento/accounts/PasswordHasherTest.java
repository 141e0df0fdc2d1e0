package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new HashingSlots(2, 4, Duration.ofSeconds(30)));

    @Test
    void hashes_written_by_earlier_versions_with_password4j_still_verify() {
        // made by password4j 1.8.4 with the parameters earlier versions used: Argon2Function.getInstance(19456, 2, 1, 32, ID, 19)
        assertThat(hasher.matches("correct horse battery staple",
                "$argon2id$v=19$m=19456,t=2,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I")).isTrue();
        assertThat(hasher.matches("pässwörd ✓ 🙂",
                "$argon2id$v=19$m=19456,t=2,p=1$E9GeocVX/jKV+ZnGD5uKrw$IW2aJ/AQRGB39iJXPyXOOv/BItr2VoxO2WsKNsKCPBQ")).isTrue();
        assertThat(hasher.matches("correct horse battery stapl",
                "$argon2id$v=19$m=19456,t=2,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I")).isFalse();
    }

    @Test
    void computes_the_reference_implementations_argon2id_output() {
        // phc-winner-argon2: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        byte[] expected = java.util.Base64.getDecoder().decode("CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc");

        assertThat(PasswordHasher.argon2id("password", 65536, 2, 1, "somesalt".getBytes(), 32)).isEqualTo(expected);
        assertThat(hasher.matches("password", reference)).as("64 MiB: more than a hash of ours may ask for").isFalse();
    }

    @Test
    void a_new_hash_is_salted_in_the_phc_format_and_verifies_only_its_own_password() {
        String first = hasher.hash("a long enough password");
        String second = hasher.hash("a long enough password");

        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(second).isNotEqualTo(first);
        assertThat(hasher.matches("a long enough password", first)).isTrue();
        assertThat(hasher.matches("a long enough passwore", first)).isFalse();
    }

    @Test
    void a_stored_value_that_is_not_one_of_our_hashes_or_asks_for_more_work_never_matches_and_never_throws() {
        for (String stored : new String[] {null, "", "plain", "$argon2i$v=19$m=19456,t=2,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=9999999,t=2,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=19456,t=0,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=38913,t=2,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=19456,t=11,p=1$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=19456,t=2,p=5$xng3MiS2gYqGZpMFAjijVw$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$argon2id$v=19$m=19456,t=2,p=1$x$xcxd7sOLQFI+a7W/CcbNsJ8x07nFYh9FKx0oTVcBP4I",
                "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"}) {
            assertThat(hasher.matches("password", stored)).as(String.valueOf(stored)).isFalse();
        }
    }

    @Test
    void the_check_for_an_unknown_account_is_a_real_one_and_waits_for_a_slot_like_any_other() throws Exception {
        long started = System.nanoTime();
        hasher.burnTime("anything");
        assertThat(System.nanoTime() - started).as("an Argon2id check over 19 MiB").isGreaterThan(2_000_000L);

        HashingSlots one = new HashingSlots(1, 0, Duration.ofMillis(1));
        PasswordHasher busy = new PasswordHasher(one);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> one.run(() -> {
            holding.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> busy.burnTime("anything")).isInstanceOf(HashingSlots.Busy.class);
        release.countDown();
        holder.join(10_000);
        busy.burnTime("anything"); // the same hasher works once a slot is free
    }
}
