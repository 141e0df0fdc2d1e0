package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeResponsesApi.Failure;
import agento.support.AgentoFixture;
import agento.support.OpenAiFakes;
import agento.support.WebClient;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Chatting on a Sign in with OpenAI connection: the ChatGPT backend's rules, a 401 renewed once, plan limits. */
class ChatSignInHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi().withAlice().onTheSystemClock();
    private final OpenAiFakes fakes = fixture.fakes();
    private final FakeResponsesApi responses = fakes.api.responses();
    private final WebClient alice = fixture.alice();
    private final long agent = fixture.newAgent();
    private String conversation = "";

    @BeforeEach
    void signInAndStart() {
        String authorize = alice.post(path("/oauth/start"), Map.of("mode", "redirect")).location();
        URI callback = URI.create(fakes.auth.approve(authorize));
        assertThat(alice.get(callback.getRawPath() + "?" + callback.getRawQuery()).status()).isEqualTo(303);
        alice.post(path("/start"), Map.of());
        assertThat(alice.get(path("")).body()).contains(">Running<").contains("Sign in with OpenAI");
    }

    private String path(String rest) {
        return "/agents/" + agent + rest;
    }

    private String chat(String text) {
        WebClient.Response sent = alice.post(path("/chat/messages"), Map.of("message", text, "conversation", conversation));
        assertThat(sent.status()).isEqualTo(303);
        conversation = sent.location().replaceAll(".*[?]c=(\\d+).*", "$1");
        return alice.get(sent.location().replaceAll("#.*", "")).body();
    }

    @Test
    void the_chatgpt_backend_gets_the_account_originator_session_and_default_instructions_without_max_tokens() {
        assertThat(chat("Hello")).contains("You said: Hello");

        FakeResponsesApi.Received request = responses.lastRequest();
        assertThat(request.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(request.header("ChatGPT-Account-Id")).isEqualTo(fakes.auth.accountId());
        assertThat(request.header("originator")).isEqualTo("agento");
        assertThat(request.header("session_id")).isEqualTo(conversation);
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.body().get("instructions").asText()).isNotBlank();
        assertThat(request.body().has("max_output_tokens")).isFalse();
        assertThat(request.body().get("store").asBoolean()).isFalse();
    }

    @Test
    void a_401_renews_the_sign_in_once_and_sends_the_message_once_more() {
        int refreshes = fakes.auth.refreshCount();
        responses.failNext(Failure.UNAUTHORIZED, 1);

        assertThat(chat("Are you there?")).contains("You said: Are you there?");

        assertThat(fakes.auth.refreshCount()).isEqualTo(refreshes + 1);
        assertThat(alice.get(path("/settings")).body()).contains(">Connected<");
    }

    @Test
    void a_sign_in_refused_even_after_renewal_says_so_and_the_card_asks_to_reconnect() {
        responses.failNext(Failure.UNAUTHORIZED, 2);

        assertThat(chat("Hello?")).contains("OpenAI no longer accepts this ChatGPT sign-in. Sign in again in Settings.");

        assertThat(alice.get(path("/settings")).body()).contains("Reconnect needed").contains(">Reconnect<");
        alice.post(path("/start"), Map.of());
        assertThat(alice.get(path("")).body()).contains("Click Reconnect to sign in again.").contains(">Stopped<");
    }

    @Test
    void the_plan_usage_limit_says_when_it_resets() {
        responses.usageResetsAt(Instant.parse("2031-03-04T05:06:00Z")).failNext(Failure.USAGE_LIMIT_REACHED, 1);

        assertThat(chat("Hello")).contains("This ChatGPT plan has reached its usage limit. It resets on 4 Mar 2031, 05:06 UTC.");
    }
}
