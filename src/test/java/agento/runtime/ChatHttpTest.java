package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeResponsesApi.Failure;
import agento.runtime.chat.ChatRelay;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web chat over HTTP: Start's checks, Send with and without htmx, the stream, failures, limits, access. */
class ChatHttpTest {
    static final String KEY = "sk-proj-ChatKeyForTests0123456789AbCd";
    static final String NO_QUOTA_KEY = "sk-proj-NoQuotaKeyForTests0123456789Zz";
    /** Where htmx opens a streaming reply's events (the SSE extension's attribute). */
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"([^\"]+)\"");

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY).acceptKey(NO_QUOTA_KEY))
            .withAliceAndBob();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final FakeOpenAiApi openAi = fixture.openAiApi();
    private final FakeResponsesApi responses = openAi.responses();
    private final long agent = fixture.newAgent();

    private String path(String rest) {
        return "/agents/" + agent + rest;
    }

    private void connectAndStart() {
        Accounts.connectAndStart(alice, agent, KEY);
    }

    private String conversation = "";

    private WebClient.Response send(String text) {
        return alice.post(path("/chat/messages"), Map.of("message", text, "conversation", conversation));
    }

    /** Sends without JavaScript, as the page's form would, and returns the page it comes back to. */
    private String chat(String text) {
        WebClient.Response sent = send(text);
        assertThat(sent.status()).isEqualTo(303);
        conversation = sent.location().replaceAll(".*[?]c=(\\d+).*", "$1");
        return alice.get(sent.location().replaceAll("#.*", "")).body();
    }

    @Test
    void a_stopped_agent_refuses_messages_with_409_and_sends_nothing_to_openai() {
        alice.post(path("/connection/api-key"), Map.of("apiKey", KEY));

        WebClient.Response response = send("Hello");
        WebClient.Response htmx = alice.htmxPost(path("/chat/messages"), Map.of("message", "Hello", "conversation",
                conversation));

        assertThat(response.status()).isEqualTo(303);
        assertThat(alice.follow(response).body()).contains("This agent is stopped. Start it to chat.")
                .contains(">Hello</textarea>");
        assertThat(htmx.status()).isEqualTo(409);
        assertThat(htmx.body()).contains("This agent is stopped. Start it to chat.");
        assertThat(responses.requestCount()).isZero();
        assertThat(conversations()).as("a refused first message starts no conversation").isZero();
        assertThat(alice.get(path("/chat")).body()).contains("This agent is stopped").contains(">Start<");
    }

    private int conversations() {
        return app.count("SELECT COUNT(*) FROM conversations WHERE agent_id = " + agent);
    }

    @Test
    void an_empty_or_too_long_first_message_is_refused_next_to_the_field_and_starts_no_conversation() {
        connectAndStart();
        int asked = responses.requestCount();

        WebClient.Response empty = alice.htmxPost(path("/chat/messages"), Map.of("message", "  ", "conversation", ""));
        WebClient.Response tooLong = send("x".repeat(ChatRelay.MAX_MESSAGE + 1));

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("Type a message first.").contains("id=\"chat-message-error\"");
        assertThat(alice.follow(tooLong).body()).contains("Messages can be at most 32000 characters long.");
        assertThat(conversations()).isZero();
        assertThat(alice.get(path("/chat")).body()).as("no conversation in the list").doesNotContain("/chat?c=")
                .contains("No messages yet.");
        assertThat(responses.requestCount()).isEqualTo(asked);
    }

    @Test
    void start_without_a_provider_is_refused_on_overview_chat_and_dashboard_with_a_way_to_settings() {
        alice.post(path("/start"), Map.of("from", "dashboard"));

        for (String page : new String[] {alice.get(path("")).body(), alice.get(path("/chat")).body(),
                alice.get("/").body()}) {
            assertThat(page).contains("Connect an AI provider in Settings first.")
                    .contains("href=\"/agents/" + agent + "/settings\"").contains(">Start<");
        }
        assertThat(alice.get(path("")).body()).contains(">Stopped<");
        assertThat(alice.get(path("/chat")).body()).contains("This agent is stopped");
    }

    @Test
    void start_with_a_key_that_has_no_billing_is_refused_with_the_billing_message() {
        openAi.mode(FakeOpenAiApi.Mode.QUOTA_EXCEEDED);
        alice.post(path("/connection/api-key"), Map.of("apiKey", NO_QUOTA_KEY));

        alice.post(path("/start"), Map.of());

        assertThat(alice.get(path("")).body()).contains("OpenAI says this account has no billing or quota set up. "
                + "Add a payment method at platform.openai.com \u2192 Billing, then Start again.").contains(">Stopped<");
        openAi.mode(FakeOpenAiApi.Mode.OK);
        alice.post(path("/start"), Map.of());
        assertThat(alice.get(path("")).body()).contains(">Running<").doesNotContain("no billing or quota");
    }

    @Test
    void without_javascript_send_comes_back_with_the_whole_reply_its_model_and_usage_and_a_reload_keeps_it() {
        connectAndStart();

        String page = chat("Hello there");

        assertThat(page).contains("You said: Hello there").contains("GPT-5.2").contains(" out tokens");
        assertThat(alice.get(path("/chat")).body()).contains("You said: Hello there");
        assertThat(alice.get(path("")).body()).containsPattern("id=\"tokens-this-month\"><span>[1-9]");
    }

    @Test
    void the_request_to_openai_carries_the_key_the_instructions_and_the_conversation_so_far() {
        connectAndStart();
        alice.post(path("/instructions"), Map.of("instructions", "Answer like a pirate.", "monthlyTokenLimit", ""));

        chat("First");
        String second = chat("Second");

        FakeResponsesApi.Received request = responses.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/responses");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.body().get("store").asBoolean()).isFalse();
        assertThat(request.body().get("stream").asBoolean()).isTrue();
        assertThat(request.body().get("instructions").asText()).isEqualTo("Answer like a pirate.");
        assertThat(request.body().get("input").toString()).contains("First").contains("You said: First")
                .contains("Second");
        assertThat(second).contains("You said: First").contains("You said: Second");
    }

    @Test
    void with_htmx_send_returns_the_message_and_a_reply_that_streams_over_sse_then_loads_whole() {
        connectAndStart();
        responses.deltaDelay(java.time.Duration.ofMillis(150));

        WebClient.Response sent = alice.htmxPost(path("/chat/messages"), Map.of("message", "Stream please"));

        assertThat(sent.status()).isEqualTo(200);
        Matcher stream = STREAM.matcher(sent.body());
        assertThat(stream.find()).isTrue();
        assertThat(sent.body()).contains("Stream please").contains("Stop generating")
                // the conversation list, out of band: the new conversation on top, marked as the one shown
                .containsPattern("<ul id=\"conversation-list\" hx-swap-oob=\"true\">\\s*<li><a href=\"/agents/\\d+/chat"
                        + "\\?c=\\d+\"\\s+aria-current=\"page\" class=\"active\">Stream please</a></li>");
        assertThat(alice.get(path("/chat")).body()).contains("<ul id=\"conversation-list\">")
                .doesNotContain("conversation-list\" hx-swap-oob");
        String events = alice.get(stream.group(1), Map.of("Accept", "text/event-stream")).body();
        assertThat(events).contains("event: delta").contains("You").contains("event: done");
        String replyPath = stream.group(1).replace("/stream", "");
        assertThat(alice.get(replyPath).body()).contains("<p>You said: Stream please</p>").doesNotContain("sse-connect");
    }

    @Test
    void send_in_the_newest_conversation_leaves_the_list_alone_and_in_an_older_one_moves_that_one_to_the_top() {
        connectAndStart();
        chat("First topic");
        String first = conversation;
        conversation = "";
        chat("Second topic");
        String second = conversation;

        String again = htmxSendAndWait("More on two", second);
        String older = htmxSendAndWait("Back to one", first);

        assertThat(again).contains("More on two").doesNotContain("conversation-list");
        assertThat(older).contains("Back to one").containsPattern("<ul id=\"conversation-list\" hx-swap-oob=\"true\">"
                + "\\s*<li><a href=\"/agents/\\d+/chat\\?c=" + first + "\"\\s+aria-current=\"page\" class=\"active\">"
                + "First topic</a></li>\\s*<li><a href=\"/agents/\\d+/chat\\?c=" + second + "\"");
        assertThat(alice.get(path("/chat")).body()).containsPattern("c=" + first + "\"[^>]*>First topic</a>[\\s\\S]*"
                + "c=" + second + "\"[^>]*>Second topic</a>");
    }

    @Test
    void a_conversation_started_with_new_conversation_takes_its_title_from_its_first_message() {
        connectAndStart();
        WebClient.Response started = alice.post(path("/chat/new"), Map.of());
        assertThat(started.status()).isEqualTo(303);
        String id = started.location().replaceAll(".*[?]c=(\\d+).*", "$1");
        assertThat(alice.get(started.location()).body()).contains(">New conversation</a>");

        String sent = htmxSendAndWait("Plan the trip to Lisbon", id);
        htmxSendAndWait("And the hotels?", id);

        assertThat(sent).containsPattern("<ul id=\"conversation-list\" hx-swap-oob=\"true\">\\s*<li><a href=\"/agents/"
                + "\\d+/chat\\?c=" + id + "\"\\s+aria-current=\"page\" class=\"active\">Plan the trip to Lisbon</a>");
        assertThat(alice.get(path("/chat?c=" + id)).body()).contains(">Plan the trip to Lisbon</a>")
                .doesNotContain(">New conversation</a>").doesNotContain(">And the hotels?</a>");
    }

    /** Send as htmx does in {@code conversationId}; returns what Send answered once the reply's stream is done. */
    private String htmxSendAndWait(String text, String conversationId) {
        WebClient.Response sent = alice.htmxPost(path("/chat/messages"), Map.of("message", text, "conversation",
                conversationId));
        Matcher stream = STREAM.matcher(sent.body());
        assertThat(stream.find()).isTrue();
        assertThat(alice.get(stream.group(1), Map.of("Accept", "text/event-stream")).body()).contains("event: done");
        return sent.body();
    }

    @Test
    void an_ended_reply_stream_leaves_its_connection_open_for_the_next_request() throws Exception {
        connectAndStart();
        Matcher stream = STREAM.matcher(alice.htmxPost(path("/chat/messages"), Map.of("message", "Keep it")).body());
        assertThat(stream.find()).isTrue();
        assertThat(alice.get(stream.group(1), Map.of("Accept", "text/event-stream")).body()).contains("event: done");

        try (Socket socket = new Socket("127.0.0.1", app.port())) { // the finished reply's stream: "done" at once
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET " + stream.group(1) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Cookie: AGENTO_SESSION=" + alice.sessionId() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readThrough(in, "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 200").contains("event: done")
                    .doesNotContainIgnoringCase("Connection: close");

            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readThrough(in, "\r\n\r\n")).startsWith("HTTP/1.1 200"); // the same connection answers
        }
    }

    /** What arrives up to and including {@code end}, or up to the connection's end. */
    private static String readThrough(InputStream in, String end) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            read.write(b);
            if (read.toString(StandardCharsets.US_ASCII).endsWith(end)) {
                break;
            }
        }
        return read.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void model_output_with_html_and_htmx_attributes_is_shown_inert_and_links_get_rel_noopener() {
        connectAndStart();
        responses.replyWith(text -> "<script>alert(1)</script> <div hx-get=\"/x\" hx-trigger=\"load\">x</div>\n\n"
                + "Links: [site](https://example.com) [bad](javascript:alert(1))");

        String page = chat("Be hostile");

        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<div hx-get")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("rel=\"noopener nofollow\"").doesNotContain("href=\"javascript:");
    }

    @Test
    void each_failure_from_openai_is_a_message_in_the_conversation_and_an_activity_line() {
        connectAndStart();
        Map<Failure, String> said = Map.of(
                Failure.CONTEXT_LENGTH_EXCEEDED, "Start a New conversation",
                Failure.MODEL_NOT_SUPPORTED, "Choose another model",
                Failure.SERVER_ERROR, "OpenAI is having trouble",
                Failure.STOP_EARLY, "The reply stopped before it was finished",
                Failure.RATE_LIMITED, "OpenAI is rate limiting this account");
        said.forEach((failure, words) -> {
            responses.failNext(failure, 5);
            assertThat(chat("Try " + failure)).as(failure.name()).contains(words);
        });
        assertThat(alice.get(path("/settings")).body()).contains("A chat reply failed: OpenAI is having trouble");
    }

    @Test
    void insufficient_quota_says_so_in_the_chat_and_the_card_shows_the_billing_warning() {
        connectAndStart();
        responses.failNext(Failure.INSUFFICIENT_QUOTA, 1);

        assertThat(chat("Hello")).contains("OpenAI says this account has no billing or quota set up.");
        assertThat(alice.get(path("/settings")).body()).contains("has no billing or quota");
    }

    @Test
    void a_rejected_key_says_so_and_the_card_turns_red() {
        connectAndStart();
        responses.failNext(Failure.UNAUTHORIZED, 1);

        assertThat(chat("Hello")).contains("OpenAI rejected the key");
        assertThat(alice.get(path("/settings")).body()).contains("Credential error");
    }

    @Test
    void the_monthly_token_limit_warns_at_80_percent_and_refuses_at_100_percent() {
        connectAndStart();
        responses.replyWith(text -> "word ".repeat(40));
        chat("Use some tokens");
        long used = app.count("SELECT SUM(m.input_tokens + m.output_tokens) FROM messages m JOIN conversations c "
                + "ON c.id = m.conversation_id WHERE c.agent_id = " + agent);
        assertThat(used).isPositive();

        alice.post(path("/instructions"), Map.of("instructions", "", "monthlyTokenLimit", Long.toString(used * 100 / 85)));
        assertThat(alice.get(path("")).body()).contains("of its monthly token limit");
        alice.post(path("/instructions"), Map.of("instructions", "", "monthlyTokenLimit", Long.toString(used)));
        int before = responses.requestCount();
        WebClient.Response refused = send("One more");

        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("This agent has used its monthly token limit");
        assertThat(responses.requestCount()).isEqualTo(before);
    }

    @Test
    void the_monthly_limit_counts_the_replies_of_this_month_only() {
        connectAndStart();
        responses.replyWith(text -> "word ".repeat(40));
        chat("Use some tokens");
        chat("And some more");
        long used = app.count("SELECT SUM(m.input_tokens + m.output_tokens) FROM messages m JOIN conversations c "
                + "ON c.id = m.conversation_id WHERE c.agent_id = " + agent);
        assertThat(app.count("SELECT tokens FROM agent_monthly_tokens WHERE agent_id = " + agent)).isEqualTo(used);
        alice.post(path("/instructions"), Map.of("instructions", "", "monthlyTokenLimit", Long.toString(used)));
        assertThat(alice.follow(send("Refused this month")).body()).contains("This agent has used its monthly token limit");

        // as if those replies had been sent last month (this app runs on the system clock)
        app.jdbi().useHandle(h -> h.execute("UPDATE agent_monthly_tokens SET month_utc = month_utc - 1"));

        assertThat(chat("A new month")).doesNotContain("This agent has used its monthly token limit")
                .contains("word word");
        assertThat(alice.get(path("")).body()).doesNotContain("of its monthly token limit");
    }

    @Test
    void instructions_longer_than_8000_characters_get_a_message_next_to_the_field_and_change_nothing() {
        WebClient.Response r = alice.post(path("/instructions"), Map.of("instructions", "x".repeat(8001),
                "monthlyTokenLimit", "lots"));

        assertThat(r.status()).isEqualTo(303);
        assertThat(alice.follow(r).body()).contains("Use at most 8000 characters for the instructions")
                .contains("Enter a whole number of tokens");
        assertThat(app.count("SELECT COUNT(*) FROM agents WHERE id = " + agent + " AND instructions IS NOT NULL"))
                .isZero();
    }

    @Test
    void another_users_chat_conversations_replies_and_buttons_answer_404() {
        connectAndStart();
        chat("Private");
        long conversation = app.count("SELECT MAX(id) FROM conversations");
        long reply = app.count("SELECT MAX(id) FROM messages");

        assertThat(bob.get(path("/chat")).status()).isEqualTo(404);
        assertThat(bob.get(path("/chat?c=" + conversation)).status()).isEqualTo(404);
        assertThat(bob.get(path("/chat/replies/" + reply)).status()).isEqualTo(404);
        assertThat(bob.get(path("/chat/replies/" + reply + "/stream")).status()).isEqualTo(404);
        assertThat(bob.post(path("/chat/replies/" + reply + "/stop"), Map.of()).status()).isEqualTo(404);
        assertThat(bob.post(path("/chat/messages"), Map.of("message", "hi")).status()).isEqualTo(404);
        assertThat(bob.post(path("/stop"), Map.of()).status()).isEqualTo(404);
        long bobs = Accounts.agent(bob, "Bob's agent");
        assertThat(bob.get("/agents/" + bobs + "/chat?c=" + conversation).status()).isEqualTo(404);
        assertThat(bob.get("/agents/" + bobs + "/chat/replies/" + reply).status()).isEqualTo(404);
        assertThat(alice.get(path("")).body()).contains(">Running<");
    }
}
