package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every password-hashing slot of the process taken, and as many callers waiting as may: what a person then sees. */
class SignInWhileBusyHttpTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private TestApp app;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_sign_in_while_every_slot_is_taken_asks_to_try_again_and_counts_no_failure() throws Exception {
        app = TestApp.start();
        WebClient admin = Accounts.admin(app, "admin@example.com");
        WebClient person = new WebClient(app);
        person.get("/login");

        occupyEverySlot(HashingSlots.PROCESS);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 2; i++) {
            WebClient.Response busy = person.signIn("admin@example.com", Accounts.PASSWORD);
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("5");
            assertThat(busy.body()).contains("Agento is busy checking other passwords. Try again in a few seconds.")
                    .contains("value=\"admin@example.com\"");
        }
        WebClient.Response change = admin.post("/account/password", Map.of("currentPassword", Accounts.PASSWORD,
                "newPassword", "a new password", "confirmPassword", "a new password"));
        assertThat(admin.get(change.location()).body()).contains("Agento is busy checking other passwords.");
        release.countDown();
        // the busy moment passes: the callers that were waiting take their turns first (the slots are fair)
        for (int i = 0; i < 500 && HashingSlots.PROCESS.waiting() > 0; i++) {
            Thread.sleep(10);
        }

        assertThat(person.signIn("admin@example.com", Accounts.PASSWORD).status()).isEqualTo(303);
        assertThat(person.get("/").body()).contains("Your agents");
        assertThat(app.count("SELECT COUNT(*) FROM login_failures")).isZero();
    }

    private void occupyEverySlot(HashingSlots slots) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(slots.capacity());
        for (int i = 0; i < slots.capacity(); i++) {
            threads.submit(() -> slots.run(() -> {
                holding.countDown();
                return awaitRelease();
            }));
        }
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < slots.maxWaiting(); i++) {
            threads.submit(() -> slots.run(() -> "waited"));
        }
        for (int i = 0; i < 500 && slots.waiting() < slots.maxWaiting(); i++) {
            Thread.sleep(10);
        }
        assertThat(slots.waiting()).isEqualTo(slots.maxWaiting());
    }

    private boolean awaitRelease() {
        try {
            // held until the test ends, however slow the machine: the waiters give up after 5 s and sign-ins then wait
            // their own 5 s, but every one of them still finds the slots taken
            return release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
