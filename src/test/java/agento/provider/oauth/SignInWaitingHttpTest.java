package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.MutableClock;
import agento.support.OpenAiFakes;
import agento.support.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While Sign in with OpenAI waits for its answer the card says so, offers Cancel and no second Sign in, and shows the
 * paste box only when it can help; Try again after a failed sign-in leads back to the agent.
 */
class SignInWaitingHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi().withAliceAndBob();
    private final OpenAiFakes fakes = fixture.fakes();
    private final MutableClock clock = fixture.clock();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final long agent = fixture.newAgent();

    private String startFlow() {
        WebClient.Response r = alice.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect"));
        assertThat(r.status()).isEqualTo(303);
        return r.location();
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String settings() {
        return alice.get("/agents/" + agent + "/settings").body();
    }

    private String tryAgainHref(String page) {
        Matcher m = Pattern.compile("id=\"try-again\"\\s+href=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as("a Try again link in %s", page).isTrue();
        return m.group(1);
    }

    @Test
    void while_a_sign_in_waits_the_card_says_waiting_with_cancel_and_no_live_sign_in_button() {
        startFlow();

        String page = settings();

        assertThat(page).contains("id=\"connection-indicator\" class=\"indicator amber\">Waiting for OpenAI…</span>")
                .doesNotContain(">Sign in with OpenAI<")
                .doesNotContain("data-oauth-start").doesNotContain(">Sign in with a code<");
        String cancel = page.substring(page.indexOf("id=\"oauth-waiting\""));
        cancel = cancel.substring(0, cancel.indexOf("</section>"));
        assertThat(cancel).contains("method=\"post\" action=\"/agents/" + agent + "/oauth/cancel\"")
                .contains("hx-post=\"/agents/" + agent + "/oauth/cancel\"")
                .contains("name=\"_csrf\" value=\"" + alice.csrfToken() + "\"").contains(">Cancel</button>");
    }

    @Test
    void on_the_servers_own_machine_the_paste_box_comes_only_after_two_minutes() {
        startFlow();
        assertThat(settings()).doesNotContain("Paste the address you were sent to")
                .containsPattern("hx-trigger=\"load delay:1(19|20)s\"");

        clock.advance(Duration.ofMinutes(2));
        try {
            assertThat(settings()).contains("Paste the address you were sent to").doesNotContain("load delay:");
        } finally {
            clock.advance(Duration.ofMinutes(-2));
        }
    }

    @Test
    void a_browser_on_another_machine_gets_the_paste_box_at_once() {
        startFlow();

        String page = alice.get("/agents/" + agent + "/settings", Map.of("X-Forwarded-For", "203.0.113.7")).body();

        assertThat(page).contains("Waiting for OpenAI…").contains("Paste the address you were sent to");
    }

    @Test
    void cancel_as_a_plain_form_ends_the_attempt_and_its_late_answer_connects_nothing() {
        String callback = fakes.auth.approve(startFlow());

        WebClient.Response cancelled = alice.post("/agents/" + agent + "/oauth/cancel", Map.of());

        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(cancelled.location()).startsWith("/agents/" + agent + "/settings");
        assertThat(settings()).contains("Sign-in cancelled.").contains(">Not connected<")
                .contains(">Sign in with OpenAI<").doesNotContain("Waiting for OpenAI");
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        alice.get(pathAndQuery(callback));
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        assertThat(settings()).contains(">Not connected<");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
    }

    @Test
    void cancel_with_htmx_answers_the_card_back_to_normal() {
        startFlow();

        WebClient.Response card = alice.htmxPost("/agents/" + agent + "/oauth/cancel", Map.of());

        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body()).startsWith("<div id=\"connection-card\"").contains("Sign-in cancelled.")
                .contains(">Sign in with OpenAI<").doesNotContain("Waiting for OpenAI");
    }

    @Test
    void cancel_needs_the_csrf_token_and_is_nobody_elses() {
        startFlow();

        assertThat(alice.postRaw("/agents/" + agent + "/oauth/cancel", Map.of(), Map.of()).status()).isEqualTo(403);
        assertThat(bob.post("/agents/" + agent + "/oauth/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(settings()).contains("Waiting for OpenAI…");
    }

    @Test
    void try_again_after_a_callback_that_came_back_signed_out_returns_to_the_agents_settings() {
        String callback = fakes.auth.deny(startFlow());
        WebClient elsewhere = new WebClient(fixture.app());

        WebClient.Response refused = elsewhere.get(pathAndQuery(callback));

        assertThat(refused.location()).startsWith("/oauth/openai/failed?why="); // no session made for the message
        String failed = elsewhere.follow(refused).body();
        assertThat(failed).contains("Authorization failed").contains(">Try again<");
        assertThat(tryAgainHref(failed)).isEqualTo("/agents/" + agent + "/settings");
        assertThat(alice.get(tryAgainHref(failed)).status()).isEqualTo(200);
    }

    @Test
    void try_again_never_points_someone_else_at_the_agent_and_an_unknown_attempt_goes_to_the_agents() {
        String callback = fakes.auth.approve(startFlow());

        bob.get(pathAndQuery(callback));
        assertThat(tryAgainHref(bob.get("/oauth/openai/failed").body())).isEqualTo("/");

        alice.get("/oauth/openai/callback?state=unknown-state&code=x");
        assertThat(tryAgainHref(alice.get("/oauth/openai/failed").body())).isEqualTo("/");
    }

    @Test
    void a_denied_popup_sign_in_offers_try_again_on_the_agents_settings() {
        String json = alice.post("/agents/" + agent + "/oauth/start", Map.of("mode", "popup")).body();
        Matcher url = Pattern.compile("\"authorizeUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(url.find()).isTrue();

        WebClient.Response back = alice.get(pathAndQuery(fakes.auth.deny(url.group(1).replace("\\u0026", "&"))));

        assertThat(back.location()).isEqualTo("/agents/" + agent + "/oauth/done");
        String done = alice.get(back.location()).body();
        assertThat(done).contains("Authorization failed").contains("You clicked Deny");
        assertThat(tryAgainHref(done)).isEqualTo("/agents/" + agent + "/settings");
    }
}
