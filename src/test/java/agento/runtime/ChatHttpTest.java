package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.fakes.FakeResponsesApi;
import agento.support.Accounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatHttpTest {
    static final String KEY = "sk-proj-ChatKeyForTests0123456789AbCd";
    private static FakeOpenAiApi openAi;
    private static TestApp app;
    private static WebClient alice;
    private static WebClient bob;
    private long agent;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiApi().acceptKey(KEY);
        app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC());
        alice = Accounts.admin(app, "alice@example.com");
        bob = Accounts.user(app, alice, "bob@example.com");
    }

    @AfterAll
    static void stop() {
        app.close();
        openAi.close();
    }

    @BeforeEach
    void connectedAgent() {
        openAi.mode(FakeOpenAiApi.Mode.OK);
        openAi.responses().replyWith(text -> "You said: " + text).deltaDelay(java.time.Duration.ofMillis(1));
        agent = Accounts.agent(alice, "Agent " + System.nanoTime());
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
    }

    private WebClient.Response send(WebClient who, String text) {
        return who.post("/agents/" + agent + "/chat/messages", Map.of("message", text));
    }

    @Test
    void a_stopped_agent_refuses_messages_with_409_and_sends_nothing_to_openai() {
        int before = openAi.responses().requestCount();

        WebClient.Response response = send(alice, "Hello");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("This agent is stopped. Start it to chat.");
        assertThat(openAi.responses().requestCount()).isEqualTo(before);
    }

    @Test
    void started_agent_answers_a_plain_form_post_with_the_whole_reply() {
        alice.post("/agents/" + agent + "/start", Map.of());
        assertThat(alice.get("/agents/" + agent).body()).contains("Running");

        WebClient.Response sent = send(alice, "Hello there");

        assertThat(sent.status()).isEqualTo(303);
        String chat = alice.get(sent.location()).body();
        assertThat(chat).contains("You said: Hello there");
    }
}
