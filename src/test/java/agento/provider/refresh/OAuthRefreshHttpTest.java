package agento.provider.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiAuth;
import agento.support.AgentoFixture;
import agento.support.MutableClock;
import agento.support.OpenAiFakes;
import agento.support.TestApp;
import agento.support.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Automatic refresh as a person sees it through the running server. */
class OAuthRefreshHttpTest {
    @RegisterExtension
    final AgentoFixture fixture = AgentoFixture.withOpenAi().withAlice().startedByTheTest();
    private final OpenAiFakes fakes = fixture.fakes();
    private final MutableClock clock = fixture.clock();
    private TestApp app;
    private WebClient alice;
    private long agent;

    /** Starts Agento on {@code clock} and signs Alice's agent in with OpenAI. */
    private void connect(Clock clock) {
        app = fixture.start(clock);
        alice = fixture.alice();
        agent = fixture.newAgent();
        String url = alice.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect")).location();
        URI callback = URI.create(fakes.auth.approve(url));
        alice.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(settings()).contains(">Connected<");
    }

    private String settings() {
        return alice.get("/agents/" + agent + "/settings").body();
    }

    private WebClient.Response testConnection() {
        return alice.htmxPost("/agents/" + agent + "/connection/test", Map.of());
    }

    @Test
    void with_a_three_second_token_the_refresher_renews_it_and_test_connection_keeps_working_for_30_seconds()
            throws Exception {
        fakes.auth.accessTokenLifetime(Duration.ofSeconds(3));
        connect(Clock.systemUTC());
        int refreshesBefore = fakes.auth.refreshCount();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int checks = 0;
        while (System.nanoTime() < deadline) {
            WebClient.Response r = testConnection();
            assertThat(r.body()).as("check %d", checks).contains(">Connected<").doesNotContain("Reconnect needed");
            checks++;
            Thread.sleep(1000);
        }
        long made = app.agento().tokenRefresher().refreshCount();
        System.out.println("REFRESH FIGURES: " + made + " refreshes by the refresher, " + checks
                + " Test connection checks in 30 s with a 3 s token");
        assertThat(made).isGreaterThanOrEqualTo(8);
        assertThat(fakes.auth.refreshCount() - refreshesBefore).isEqualTo((int) made);
        assertThat(settings()).contains(">Connected<");
    }

    @Test
    void fifty_concurrent_callers_on_an_expired_token_cause_exactly_one_refresh() throws Exception {
        connect(clock);
        clock.advance(Duration.ofHours(2));
        int before = fakes.auth.refreshCount();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<WebClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(pool.submit(this::testConnection));
            }
            for (Future<WebClient.Response> answer : answers) {
                assertThat(answer.get().body()).contains(">Connected<");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fakes.auth.refreshCount() - before).isEqualTo(1);
    }

    @Test
    void a_refresh_failing_with_5xx_keeps_connected_while_the_token_is_valid() {
        connect(clock);
        fakes.auth.failTokenEndpoint(FakeOpenAiAuth.TokenFailure.SERVER_ERROR);
        clock.advance(Duration.ofMinutes(58));
        app.agento().tokenRefresher().wake();
        assertThat(testConnection().body()).contains(">Connected<").doesNotContain("Reconnect needed");
        fakes.auth.failTokenEndpoint(FakeOpenAiAuth.TokenFailure.NONE);
        assertThat(settings()).contains(">Connected<");
    }

    @Test
    void invalid_grant_turns_the_card_amber_with_reconnect_and_keeps_the_tokens() {
        connect(clock);
        fakes.auth.failTokenEndpoint(FakeOpenAiAuth.TokenFailure.INVALID_GRANT);
        clock.advance(Duration.ofHours(2));
        testConnection();
        String page = settings();
        assertThat(page).contains("Reconnect needed").contains(">Reconnect<").contains("no longer accepts this sign-in");
        assertThat(alice.get("/").body()).contains("Reconnect needed");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isEqualTo(3);
        int attempts = fakes.auth.refreshCount();
        testConnection();
        assertThat(fakes.auth.refreshCount()).as("retries stop").isEqualTo(attempts);
    }

    @Test
    void a_token_that_expired_while_the_server_was_down_is_refreshed_at_start_up() throws Exception {
        connect(clock);
        app.stop();
        clock.advance(Duration.ofHours(3));
        int before = fakes.auth.refreshCount();
        app.restart(clock);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fakes.auth.refreshCount() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fakes.auth.refreshCount()).isEqualTo(before + 1);
    }
}
