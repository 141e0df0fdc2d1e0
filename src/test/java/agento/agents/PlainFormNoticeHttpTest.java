package agento.agents;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without JavaScript a card's form redirects after the post, and the Settings tab then says what happened, once. */
class PlainFormNoticeHttpTest {
    static final String KEY = "sk-proj-PlainFormKey0123456789AbCdEfGh";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withAlice();
    private final WebClient alice = fixture.alice();
    private final long agent = fixture.newAgent();

    @Test
    void model_change_and_test_connection_confirm_on_the_page_they_return_to() {
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));

        WebClient.Response changed = alice.post("/agents/" + agent + "/model", Map.of("model", "gpt-4.1"));

        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.location()).startsWith("/agents/" + agent + "/settings");
        assertThat(alice.get("/agents/" + agent + "/settings").body()).contains("Model saved.");
        assertThat(alice.get("/agents/" + agent + "/settings").body()).doesNotContain("Model saved.");
        alice.post("/agents/" + agent + "/connection/test", Map.of());
        assertThat(alice.get("/agents/" + agent + "/settings").body()).contains("Checked with OpenAI.");
    }
}
