package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiAuth;
import agento.support.AgentoFixture;
import agento.support.MutableClock;
import agento.support.OpenAiFakes;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign in with a code over real HTTP against the fake authorization server's device endpoints. */
class DeviceSignInHttpTest {
    private static final Pattern USER_CODE = Pattern.compile("id=\"user-code\">([A-Z0-9-]+)<");

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi().withAliceAndBob();
    private final OpenAiFakes fakes = fixture.fakes();
    private final FakeOpenAiAuth auth = fakes.auth;
    private final MutableClock clock = fixture.clock();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final long agent = fixture.newAgent();

    @AfterEach
    void openAiAnswersNormallyAgain() {
        auth.deviceAuthAvailable(true).failDeviceAuth(false).deviceInterval("5");
    }

    private String path(String rest) {
        return "/agents/" + agent + rest;
    }

    /** Clicks Sign in with a code (htmx) and returns the code the card shows. */
    private String startWithHtmx() {
        WebClient.Response card = alice.htmxPost(path("/oauth/device/start"), Map.of());
        assertThat(card.status()).isEqualTo(200);
        return userCode(card.body());
    }

    private static String userCode(String html) {
        Matcher m = USER_CODE.matcher(html);
        assertThat(m.find()).as("the card shows a code").isTrue();
        return m.group(1);
    }

    private WebClient.Response cardPoll() {
        return alice.get(path("/oauth/device/status"), Map.of("HX-Request", "true"));
    }

    private java.time.Instant nextPoll() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT next_poll_at FROM oauth_flows WHERE agent_id = :a "
                + "AND used_at IS NULL").bind("a", agent).mapTo(java.time.Instant.class).one());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void the_code_is_shown_with_where_to_enter_it_and_entering_it_connects_exactly_like_the_popup() {
        String code = startWithHtmx();
        String card = alice.get(path("/settings")).body();
        assertThat(card).contains(code).contains("href=\"" + auth.deviceVerifyUrl() + "\"").contains("Copy")
                .contains("/oauth/device/status").contains("http-equiv=\"refresh\"").contains("Cancel");
        assertThat(cardPoll().status()).as("nothing to swap while the code waits").isEqualTo(204);

        assertThat(auth.enterCode(code)).isTrue();
        clock.advance(Duration.ofSeconds(5));
        await(() -> cardPoll().status() == 200);

        String connected = cardPoll().body();
        assertThat(connected).contains(">Connected<").contains("via OpenAI account " + auth.email())
                .contains("Signed in with OpenAI as " + auth.email()).doesNotContain(code);
        assertThat(auth.lastTokenRequest()).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", auth.deviceRedirectUri());
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'oauth_flow'")).isZero();

        WebClient.Response disconnect = alice.htmxPost(path("/oauth/disconnect"), Map.of());
        assertThat(disconnect.body()).contains("OpenAI confirmed");
        assertThat(auth.revocations()).isNotEmpty();
    }

    @Test
    void polls_come_every_interval_seconds_even_when_openai_sends_it_as_a_string() throws Exception {
        auth.deviceInterval("7");
        String code = startWithHtmx();
        clock.advance(Duration.ofSeconds(6));
        Thread.sleep(1500);
        assertThat(auth.devicePolls(code)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        await(() -> auth.devicePolls(code).size() == 1);
        await(() -> app.count("SELECT COUNT(*) FROM oauth_flows WHERE agent_id = " + agent
                + " AND used_at IS NULL AND poll_lease_until IS NULL") == 1); // the next poll is planned
        clock.advance(Duration.ofSeconds(7));
        await(() -> auth.devicePolls(code).size() == 2);
        assertThat(cardPoll().status()).as("403: not yet, still waiting").isEqualTo(204);
        alice.htmxPost(path("/oauth/device/cancel"), Map.of());
    }

    @Test
    void after_15_minutes_the_card_says_the_code_expired_and_offers_a_new_one() {
        startWithHtmx();
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        await(() -> cardPoll().status() == 200);
        assertThat(cardPoll().body()).contains("The code expired").contains("Get a new code").contains("Not connected");
        await(() -> cardPoll().body().contains("Sign in with a code failed: The code expired"));
        String fresh = startWithHtmx();
        assertThat(fresh).isNotBlank();
        alice.htmxPost(path("/oauth/device/cancel"), Map.of());
    }

    @Test
    void cancel_ends_the_attempt_so_a_code_entered_afterwards_connects_nothing() throws Exception {
        String code = startWithHtmx();
        WebClient.Response cancelled = alice.htmxPost(path("/oauth/device/cancel"), Map.of());
        assertThat(cancelled.body()).contains("Cancelled").doesNotContain(code).contains("Sign in with a code");
        auth.enterCode(code);
        clock.advance(Duration.ofSeconds(10));
        Thread.sleep(1500);
        assertThat(auth.devicePolls(code)).isEmpty();
        assertThat(alice.get(path("/settings")).body()).contains("Not connected");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'oauth_flow'")).isZero();
    }

    @Test
    void a_404_for_the_code_says_sign_in_with_a_code_is_not_available_for_this_client() {
        auth.deviceAuthAvailable(false);
        WebClient.Response card = alice.htmxPost(path("/oauth/device/start"), Map.of());
        assertThat(card.status()).isEqualTo(422);
        assertThat(card.body()).contains("not available for this client (AGENTO_OPENAI_OAUTH_CLIENT_ID)");
    }

    @Test
    void openai_unreachable_while_polling_keeps_the_code_waiting_and_polling_goes_on() {
        String code = startWithHtmx();
        auth.failDeviceAuth(true);
        auth.enterCode(code);
        java.time.Instant firstPoll = nextPoll();
        clock.advance(Duration.ofSeconds(5));
        await(() -> nextPoll().isAfter(firstPoll)); // the 503 was answered by planning the next poll
        assertThat(cardPoll().status()).isEqualTo(204);
        auth.failDeviceAuth(false);
        clock.advance(Duration.ofSeconds(10));
        await(() -> cardPoll().status() == 200);
        assertThat(cardPoll().body()).contains(">Connected<");
        assertThat(auth.devicePolls(code)).isNotEmpty();
    }

    @Test
    void without_javascript_the_form_posts_and_the_settings_tab_shows_the_code_and_reloads_itself() {
        WebClient.Response posted = alice.post(path("/oauth/device/start"), Map.of());
        assertThat(posted.status()).isEqualTo(303);
        String page = alice.get(posted.location()).body();
        assertThat(userCode(page)).isNotBlank();
        assertThat(page).contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>");
        alice.post(path("/oauth/device/cancel"), Map.of());
    }

    @Test
    void another_user_cannot_start_see_or_cancel_it() {
        startWithHtmx();
        WebClient bob = fixture.bob();
        assertThat(bob.htmxPost(path("/oauth/device/start"), Map.of()).status()).isEqualTo(404);
        assertThat(bob.get(path("/oauth/device/status")).status()).isEqualTo(404);
        assertThat(bob.htmxPost(path("/oauth/device/cancel"), Map.of()).status()).isEqualTo(404);
        assertThat(cardPoll().status()).isEqualTo(204);
        alice.htmxPost(path("/oauth/device/cancel"), Map.of());
    }

    @Test
    void a_browser_on_another_machine_is_told_to_sign_in_with_a_code_and_about_a_different_base_url() {
        String local = alice.get(path("/settings")).body();
        assertThat(local).doesNotContain("id=\"recommend-code\"").doesNotContain("id=\"base-url-differs\"");
        String remote = alice.get(path("/settings"), Map.of("X-Forwarded-Host", "agento.example.net",
                "X-Forwarded-For", "203.0.113.7")).body();
        assertThat(remote).contains("id=\"recommend-code\"").contains("id=\"base-url-differs\"")
                .contains("http://agento.example.net").contains("AGENTO_BASE_URL");
    }
}
