package agento.provider;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without JavaScript the AI Provider card's forms redirect after the post: a refusal goes back to the Settings tab with
 * the message next to its field; the key or pasted address typed is never shown back, and nothing changed.
 */
class ProviderFormsRedirectHttpTest {
    static final String KEY = "sk-proj-RedirectKeyForTests0123456789Ab";
    static final String WRONG_KEY = "sk-proj-WrongRedirectKey0123456789ZzZz";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi(api -> api.acceptKey(KEY)).withAlice();
    private final WebClient alice = fixture.alice();
    private final long agent = fixture.newAgent();

    private String path(String rest) {
        return "/agents/" + agent + rest;
    }

    private int secrets() {
        return fixture.app().count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'");
    }

    @Test
    void a_refused_api_key_goes_back_to_the_card_with_the_message_and_never_the_key() {
        WebClient.Response refused = alice.post(path("/connection/api-key"), Map.of("apiKey", WRONG_KEY));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo(path("/settings#ai-provider-heading"));
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"api-key-error\"").contains("OpenAI rejected this key")
                .contains(">Not connected<").doesNotContain(WRONG_KEY).doesNotContain("ZzZz");
        assertThat(secrets()).isZero();
        assertThat(alice.get(path("/settings")).body()).as("shown once").doesNotContain("OpenAI rejected this key");
    }

    @Test
    void a_refused_model_goes_back_with_the_message_and_the_model_unchanged() {
        alice.post(path("/connection/api-key"), Map.of("apiKey", KEY));
        alice.post(path("/model"), Map.of("model", "gpt-4.1"));

        WebClient.Response refused = alice.post(path("/model"), Map.of("model", "made-up-model"));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("Choose one of the offered models.")
                .contains("<option value=\"gpt-4.1\" selected=\"selected\">");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM agents WHERE id = " + agent + " AND model = 'gpt-4.1'"))
                .isOne();
    }

    @Test
    void a_refused_pasted_address_shows_the_paste_box_with_the_message_and_not_the_address() {
        alice.post(path("/oauth/start"), Map.of("mode", "redirect"));
        String pasted = "http://localhost:1455/auth/callback?code=SecretCodeNeverShown&state=not-a-known-state";

        WebClient.Response refused = alice.post(path("/oauth/paste"), Map.of("callbackUrl", pasted));

        assertThat(refused.status()).isEqualTo(303);
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"callback-url-error\"").contains("Paste the address you were sent to")
                .doesNotContain("SecretCodeNeverShown");
        assertThat(secrets()).as("nothing connected").isZero();
    }

    @Test
    void with_htmx_a_refused_key_is_answered_in_place_with_422() {
        WebClient.Response refused = alice.htmxPost(path("/connection/api-key"), Map.of("apiKey", WRONG_KEY));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).startsWith("<div id=\"connection-card\"").contains("OpenAI rejected this key")
                .doesNotContain(WRONG_KEY);
    }
}
