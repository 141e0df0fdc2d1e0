package agento.provider.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiKeyHttpTest {
    static final String GOOD_KEY = "sk-proj-GoodKeyForTests0123456789AbCd";
    static final String RESTRICTED_KEY = "sk-proj-RestrictedKeyForTests012345WxYz";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture
            .withOpenAiApi(api -> api.acceptKey(GOOD_KEY).restrictKey(RESTRICTED_KEY)).withAliceAndBob();
    private final FakeOpenAiApi openAi = fixture.openAiApi();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final long agent = fixture.newAgent();

    private WebClient.Response save(String key) {
        return alice.htmxPost("/agents/" + agent + "/connection/api-key", Map.of("apiKey", key));
    }

    /** This agent's line of the dashboard. */
    private String dashboardRow() {
        String page = alice.get("/").body();
        int link = page.indexOf("href=\"/agents/" + agent + "\"");
        return page.substring(page.lastIndexOf("<li", link), page.indexOf("</li>", link));
    }

    private String settings() {
        return alice.get("/agents/" + agent + "/settings").body();
    }

    @Test
    void a_good_key_is_stored_and_shows_connected_with_only_the_hint() {
        WebClient.Response r = save("\u00A0 " + GOOD_KEY + "\u200B\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(">Connected<").contains("via API key sk-proj-\u2026AbCd");
        String page = settings();
        assertThat(page).contains("via API key sk-proj-\u2026AbCd").contains("Last verified")
                .doesNotContain(GOOD_KEY).doesNotContain("GoodKeyForTests");
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + GOOD_KEY);
        assertThat(dashboardRow()).contains("OpenAI · API key");
    }

    @Test
    void the_settings_page_and_the_card_partial_hold_exactly_one_card_and_one_provider_select() {
        save(GOOD_KEY);
        String page = settings();
        assertThat(page.split("id=\"connection-card\"", -1)).hasSize(2);
        assertThat(page.split("id=\"provider\"", -1)).hasSize(2);
        assertThat(page.split("id=\"activity\"", -1)).hasSize(2);
        String card = alice.get("/agents/" + agent + "/settings/provider", Map.of("HX-Request", "true")).body();
        assertThat(card.split("id=\"connection-card\"", -1)).hasSize(2);
        assertThat(card).doesNotContain("id=\"provider\"").doesNotContain("<html");
    }

    @Test
    void a_key_without_sk_prefix_gets_the_hint_next_to_the_field_and_nothing_is_stored() {
        int calls = openAi.requestCount("/v1/models");
        WebClient.Response r = save("pk-live-123456789");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"api-key-error\"")
                .contains("That doesn&#39;t look like an OpenAI API key: it should start with sk-");
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls);
        assertThat(settings()).contains("Not connected");
    }

    @Test
    void a_rejected_key_shows_the_credential_error_and_is_not_stored() {
        WebClient.Response r = save("sk-proj-WrongKey000000000000000000");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("credential error: OpenAI rejected this key \u2014 check that you copied all of it, including the sk- prefix");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
        assertThat(settings()).contains("Not connected").contains("rejected by OpenAI and not saved");
    }

    @Test
    void a_restricted_key_says_which_permission_it_lacks() {
        WebClient.Response r = save(RESTRICTED_KEY);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("This key is restricted").contains("api.model.read").contains("API keys page");
        assertThat(settings()).contains("Not connected");
    }

    @Test
    void an_admin_key_is_refused_without_asking_openai() {
        int calls = openAi.requestCount("/v1/models");
        WebClient.Response r = save("sk-admin-AdminKey0123456789abcdef");
        assertThat(r.body()).contains("admin key");
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls);
    }

    @Test
    void no_quota_stores_the_key_with_a_billing_warning() {
        openAi.mode(FakeOpenAiApi.Mode.QUOTA_EXCEEDED);
        WebClient.Response r = save(GOOD_KEY);
        assertThat(r.body()).contains(">Connected<").contains("no billing set up or no quota left");
    }

    @Test
    void an_unreachable_provider_stores_the_key_as_unverified_with_check_again() {
        openAi.mode(FakeOpenAiApi.Mode.SERVER_ERROR);
        WebClient.Response r = save(GOOD_KEY);
        assertThat(r.body()).contains("Unverified \u2014 couldn&#39;t reach OpenAI").contains("Check again");
        openAi.mode(FakeOpenAiApi.Mode.OK);
        WebClient.Response again = alice.htmxPost("/agents/" + agent + "/connection/test", Map.of());
        assertThat(again.body()).contains(">Connected<").contains("Last verified");
    }

    @Test
    void changing_the_model_saves_at_once_and_keeps_the_credential() {
        save(GOOD_KEY);
        assertThat(settings()).contains("GPT-4o mini").doesNotContain("whisper").doesNotContain("text-embedding");
        WebClient.Response r = alice.htmxPost("/agents/" + agent + "/model", Map.of("model", "gpt-4.1"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<option value=\"gpt-4.1\" selected=\"selected\">GPT-4.1</option>").contains(">Connected<");
        assertThat(alice.htmxPost("/agents/" + agent + "/model", Map.of("model", "made-up-model")).status()).isEqualTo(422);
        assertThat(alice.post("/agents/" + agent + "/model", Map.of("model", "made-up-model")).status()).isEqualTo(303);
        assertThat(settings()).contains("Model changed to GPT-4.1.").contains("via API key sk-proj-\u2026AbCd");
    }

    @Test
    void remove_key_asks_for_confirmation_then_goes_grey_and_the_badge_follows() {
        save(GOOD_KEY);
        assertThat(alice.get("/agents/" + agent + "/connection/remove-key").body()).contains("Remove the saved API key?");
        WebClient.Response removed = alice.post("/agents/" + agent + "/connection/remove-key", Map.of());
        assertThat(removed.status()).isEqualTo(303);
        assertThat(settings()).contains("Not connected").contains("API key removed.");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
        assertThat(dashboardRow()).contains("No AI provider").doesNotContain("OpenAI · API key");
    }

    @Test
    void another_user_can_neither_see_nor_change_the_connection() {
        save(GOOD_KEY);
        for (String path : new String[] {"/connection/api-key", "/connection/test", "/connection/remove-key", "/model"}) {
            assertThat(bob.post("/agents/" + agent + path, Map.of("apiKey", GOOD_KEY, "model", "gpt-4.1")).status())
                    .as(path).isEqualTo(404);
        }
        assertThat(bob.get("/agents/" + agent + "/settings/provider").status()).isEqualTo(404);
        assertThat(settings()).contains(">Connected<");
    }
}
