package agento.tools;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeRemoteApi;
import agento.fakes.FakeResponsesApi;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.OpenAiFakes;
import agento.support.TestApp;
import agento.support.WebClient;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ask before running: the reply pauses with Allow and Deny, with and without JavaScript; a sign-in gets tools too. */
class ToolApprovalHttpTest {
    static final String KEY = "sk-proj-ToolApprovalKey0123456789AbCd";
    static final FakeRemoteApi remote = new FakeRemoteApi().acceptKey(ToolSteps.REMOTE_KEY);

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi(api -> api.acceptKey(KEY)).withAliceAndBob()
            .onTheSystemClock().withEnv("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + remote.port());
    private final TestApp app = fixture.app();
    private final OpenAiFakes fakes = fixture.fakes();
    private final FakeResponsesApi model = fakes.api.responses();
    private final ToolSteps alice = new ToolSteps(fixture.alice(),
            Accounts.connectAndStart(fixture.alice(), fixture.newAgent(), KEY), remote);

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    private long latest(String column) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM tool_calls ORDER BY id DESC "
                + "LIMIT 1").mapTo(Long.class).one());
    }

    private long note() {
        return alice.action("Create note", "POST", "/echo/notes", "body", "{\"text\": \"{{input.text}}\"}");
    }

    @Test
    void ask_before_running_is_on_for_post_and_off_for_get_until_saved() {
        long post = note();
        long get = alice.action("List models", "GET", "/v1/models");
        String settings = fixture.alice().get(alice.path("/settings")).body();
        assertThat(settings).containsPattern("id=\"ask-" + post + "\"[^>]*checked")
                .doesNotContainPattern("id=\"ask-" + get + "\"[^>]*checked").contains("Save tools");
    }

    @Test
    void allow_runs_the_call_and_the_reply_goes_on() {
        alice.useAsking(note());
        model.callTool(alice.tool("Create note"), "{\"text\":\"buy milk\"}");
        int remoteBefore = remote.requestCount();

        String page = alice.chat("Note: buy milk");

        assertThat(page).contains("Waiting for you").contains(">Allow<").contains(">Deny<").contains("buy milk");
        assertThat(remote.requestCount()).isEqualTo(remoteBefore);
        long message = latest("message_id");
        long call = latest("id");
        WebClient.Response bobs = fixture.bob().post(alice.path("/chat/replies/" + message + "/calls/" + call
                + "/allow"), Map.of());
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(remote.requestCount()).isEqualTo(remoteBefore);

        page = alice.answer(message, call, true);

        assertThat(remote.requestCount()).isEqualTo(remoteBefore + 1);
        assertThat(remote.lastBody()).isEqualTo("{\"text\": \"buy milk\"}");
        assertThat(page).contains("Tool result: HTTP 200").doesNotContain("Waiting for you");
    }

    @Test
    void deny_is_told_to_the_model_and_nothing_runs() {
        alice.useAsking(note());
        model.callTool(alice.tool("Create note"), "{\"text\":\"sell the car\"}");
        int remoteBefore = remote.requestCount();
        alice.chat("Note: sell the car");

        String page = alice.answer(latest("message_id"), latest("id"), false);

        assertThat(remote.requestCount()).isEqualTo(remoteBefore);
        assertThat(model.lastRequest().body().get("input").toString())
                .contains("The person denied this call, so it did not run.");
        assertThat(page).contains("Not run").contains("Tool result: The person denied this call");
    }

    @Test
    void with_htmx_the_stream_shows_the_question_and_allow_lets_the_reply_go_on() {
        alice.useAsking(note());
        model.callTool(alice.tool("Create note"), "{\"text\":\"call mum\"}");
        WebClient.Response sent = fixture.alice().htmxPost(alice.path("/chat/messages"), Map.of("message", "Note"));
        Matcher stream = Pattern.compile("sse-connect=\"([^\"]+)\"").matcher(sent.body());
        assertThat(stream.find()).isTrue();

        // one stream from the question to the end, as the browser keeps it: Allow is clicked while it is open
        java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean clicked = new java.util.concurrent.atomic.AtomicBoolean();
        String all = fixture.alice().readStream(stream.group(1), seen -> seen.contains("event: done"), seen -> {
            Matcher allow = Pattern.compile("hx-post=\"([^\"]+/allow)\"").matcher(seen);
            if (seen.contains(">Deny<") && allow.find() && !clicked.getAndSet(true)) {
                allowed.set(fixture.alice().htmxPost(allow.group(1), Map.of()).status());
            }
        });

        String asked = all.substring(0, all.indexOf(">Deny<"));
        assertThat(asked).contains("event: delta").contains("class=\"tool-call asking\"").contains("call mum")
                .contains(">Allow<").contains("hx-post=\"" + alice.path("/chat/replies/"));
        assertThat(allowed.get()).as("Allow answered").isEqualTo(204);
        String rest = all.substring(all.indexOf(">Deny<"));
        assertThat(rest).contains("hx-swap-oob=\"true\"").contains("class=\"tool-call succeeded\"")
                .contains("<span>Tool </span>").contains("event: done");
    }

    @Test
    void a_tool_removed_while_the_reply_waits_is_refused_politely() {
        long asking = note();
        long list = alice.action("List models", "GET", "/v1/models");
        alice.save(Map.of("ask-" + asking, "on"), asking, list);
        model.callTool(alice.tool("Create note"), "{\"text\":\"x\"}").callTool(alice.tool("List models"), "{}");
        alice.chat("Two things");
        alice.save(Map.of("ask-" + asking, "on"), asking);

        String page = alice.answer(latest("message_id"), latest("id"), true);

        assertThat(page).contains("The tool " + alice.tool("List models") + " is no longer available to this agent");
    }

    @Test
    void a_sign_in_with_openai_gets_the_same_tools_on_the_chatgpt_backend() {
        long agent = Accounts.agent(fixture.alice(), "Signed in " + System.nanoTime());
        String authorize = fixture.alice().post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect"))
                .location();
        URI callback = URI.create(fakes.auth.approve(authorize));
        fixture.alice().get(callback.getRawPath() + "?" + callback.getRawQuery());
        fixture.alice().post("/agents/" + agent + "/start", Map.of());
        ToolSteps signedIn = new ToolSteps(fixture.alice(), agent, remote);
        signedIn.use(signedIn.action("List models", "GET", "/v1/models"));
        model.callTool(signedIn.tool("List models"), "{}");

        String page = signedIn.chat("Which models?");

        assertThat(model.lastRequest().path()).isEqualTo("/backend-api/codex/responses");
        assertThat(model.lastRequest().body().get("input").toString()).contains("function_call_output");
        assertThat(page).contains("Tool result: HTTP 200").contains("gpt-4o-mini");
    }
}
