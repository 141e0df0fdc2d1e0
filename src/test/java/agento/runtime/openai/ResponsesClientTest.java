package agento.runtime.openai;

import static agento.runtime.openai.StreamRun.ACCOUNT;
import static agento.runtime.openai.StreamRun.KEY;
import static agento.runtime.openai.StreamRun.TOKEN;
import static agento.runtime.openai.StreamRun.apiKeyRequest;
import static agento.runtime.openai.StreamRun.chatGptRequest;
import static agento.runtime.openai.StreamRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeResponsesApi.Failure;
import agento.fakes.FakeResponsesApi.Received;
import agento.fakes.LoopbackServer;
import agento.support.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesClientTest {

    private final FakeResponsesApi fake = StreamRun.fake();
    private final ResponsesClient client = new ResponsesClient();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void deltas_arrive_in_order_while_the_reply_is_still_streaming_then_usage_is_read() throws Exception {
        fake.replyWith(last -> "one two three four five six").deltaDelay(Duration.ofMillis(100));
        List<String> deltas = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        CompletableFuture<ChatOutcome> outcome = CompletableFuture.supplyAsync(() -> client.stream(
                apiKeyRequest(fake, "count to six please"), delta -> {
                    deltas.add(delta);
                    first.countDown();
                }, new StopSignal()));

        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome).isNotDone();
        assertThat(outcome.get(5, TimeUnit.SECONDS))
                .isEqualTo(new ChatOutcome.Completed("one two three four five six", new Usage(4, 6, 10)));
        assertThat(deltas).containsExactly("one ", "two ", "three ", "four ", "five ", "six");
    }

    @Test
    void an_api_key_request_carries_the_key_the_input_and_the_stream_settings() {
        ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), KEY), "gpt-5.2",
                " ", List.of(InputItem.user("Hi"), InputItem.assistant("Hello!"), InputItem.user("Again")),
                "conv-1", ResponsesRequest.Options.maxOutputTokens(300));

        assertThat(run(client, request).outcome()).isInstanceOf(ChatOutcome.Completed.class);

        Received received = fake.lastRequest();
        assertThat(received.path()).isEqualTo("/v1/responses");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(received.header("Accept")).isEqualTo("text/event-stream");
        assertThat(received.header("ChatGPT-Account-Id")).isNull();
        assertThat(received.body().toString()).isEqualTo("{\"model\":\"gpt-5.2\",\"input\":["
                + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"},"
                + "{\"role\":\"user\",\"content\":\"Again\"}],\"stream\":true,\"store\":false,"
                + "\"max_output_tokens\":300}");
    }

    @Test
    void instructions_that_are_not_blank_are_sent_as_they_are() {
        ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), KEY), "gpt-5.2",
                "Answer like a pirate.\n", List.of(InputItem.user("Hi")), "conv-1");

        run(client, request);

        assertThat(fake.lastRequest().body().path("instructions").asText()).isEqualTo("Answer like a pirate.\n");
    }

    @Test
    void the_chatgpt_backend_gets_default_instructions_no_max_output_tokens_and_its_headers() {
        ResponsesRequest request = new ResponsesRequest(
                ResponsesTarget.chatGpt(fake.chatGptBaseUrl(), TOKEN, ACCOUNT, "agento"), "gpt-5.2", "",
                List.of(InputItem.user("Hi")), "conv-42", ResponsesRequest.Options.maxOutputTokens(300));

        StreamRun run = run(client, request);

        assertThat(run.outcome()).isEqualTo(new ChatOutcome.Completed("You said: Hi", new Usage(1, 3, 4)));
        Received received = fake.lastRequest();
        assertThat(received.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(received.header("ChatGPT-Account-Id")).isEqualTo(ACCOUNT);
        assertThat(received.header("originator")).isEqualTo("agento");
        assertThat(received.header("session_id")).isEqualTo("conv-42");
        assertThat(received.body().path("instructions").asText()).isEqualTo("You are a helpful assistant.");
        assertThat(received.body().has("max_output_tokens")).isFalse();
        assertThat(received.body().path("store").asBoolean(true)).isFalse();
    }

    @Test
    void stop_closes_the_connection_so_openai_stops_writing() throws Exception {
        fake.replyWith(last -> "word ".repeat(500));
        StopSignal stop = new StopSignal();
        CountDownLatch threeDeltas = new CountDownLatch(3);
        CompletableFuture<ChatOutcome> outcome = CompletableFuture.supplyAsync(() ->
                client.stream(apiKeyRequest(fake, "talk"), delta -> threeDeltas.countDown(), stop));

        assertThat(threeDeltas.await(5, TimeUnit.SECONDS)).isTrue();
        stop.stop();

        ChatOutcome stopped = outcome.get(5, TimeUnit.SECONDS);
        assertThat(stopped).isInstanceOf(ChatOutcome.Stopped.class);
        assertThat(stopped.text()).startsWith("word word word ");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fake.streamsClosedByClient() == 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(fake.streamsClosedByClient()).isEqualTo(1);
        assertThat(fake.streamsFinished()).isZero();
    }

    @Test
    void stop_while_waiting_for_the_first_byte_returns_at_once() throws Exception {
        fake.failAlways(Failure.HANG_BEFORE_ANSWER);
        StopSignal stop = new StopSignal();
        CompletableFuture<ChatOutcome> outcome =
                CompletableFuture.supplyAsync(() -> client.stream(apiKeyRequest(fake, "hi"), d -> { }, stop));
        while (fake.requestCount() == 0) {
            Thread.sleep(10);
        }

        stop.stop();

        assertThat(outcome.get(2, TimeUnit.SECONDS)).isEqualTo(new ChatOutcome.Stopped(""));
    }

    @Test
    void a_stop_before_the_call_sends_nothing() {
        StopSignal stop = new StopSignal();
        stop.stop();

        assertThat(run(client, apiKeyRequest(fake, "hi"), stop).outcome()).isEqualTo(new ChatOutcome.Stopped(""));
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void a_stream_that_ends_before_response_completed_is_incomplete() {
        fake.replyWith(last -> "one two three four").failNext(Failure.STOP_EARLY, 1);

        StreamRun run = run(client, apiKeyRequest(fake, "hi"));

        assertThat(run.outcome()).isEqualTo(new ChatOutcome.Incomplete("one two ", "ended_early"));
        assertThat(((ChatOutcome.Incomplete) run.outcome()).message()).contains("stopped before it was finished");
    }

    @Test
    void response_incomplete_keeps_openais_reason() {
        fake.failNext(Failure.INCOMPLETE, 1);

        assertThat(run(client, apiKeyRequest(fake, "hi")).outcome())
                .isEqualTo(new ChatOutcome.Incomplete("You said: hi", "max_output_tokens"));
    }

    @Test
    void a_redirect_is_not_followed() {
        try (LoopbackServer redirecting = new LoopbackServer("redirecting") {
            {
                start(exchange -> redirect(exchange, fake.baseUrl() + "/responses"));
            }
        }) {
            ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey(redirecting.origin() + "/v1", KEY),
                    "gpt-5.2", "", List.of(InputItem.user("hi")), "c");

            assertThat(run(client, request).failure())
                    .isEqualTo(new ChatFailure.Unreachable("unexpected answer, HTTP 302"));
            assertThat(fake.requestCount()).isZero();
        }
    }

    @Test
    void the_credential_is_in_no_request_description_outcome_message_or_log_line() {
        try (LogCapture logs = LogCapture.start()) {
            ResponsesRequest good = apiKeyRequest(fake, "hi");
            ResponsesRequest wrongKey = new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), KEY + "9"),
                    "gpt-5.2", "", List.of(InputItem.user("hi")), "c");
            ResponsesRequest brokenKey = new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), KEY + "\r\nX: y"),
                    "gpt-5.2", "", List.of(InputItem.user("hi")), "c");
            ResponsesRequest chatGpt = chatGptRequest(fake, "hi");
            StringBuilder seen = new StringBuilder();
            for (ResponsesRequest request : List.of(good, wrongKey, brokenKey, chatGpt)) {
                ChatOutcome outcome = run(client, request).outcome();
                seen.append(request).append(request.target()).append(outcome);
                if (outcome instanceof ChatOutcome.Failed failed) {
                    seen.append(failed.failure().message());
                }
            }
            fake.failNext(Failure.UNAUTHORIZED, 1);
            seen.append(((ChatOutcome.Failed) run(client, chatGpt).outcome()).failure().message());

            assertThat(fake.requestCount()).isEqualTo(4);
            assertThat(seen.toString()).contains("credential hidden").contains("rejected the key")
                    .contains("cannot be sent").doesNotContain(KEY).doesNotContain(TOKEN);
            assertThat(String.join("\n", logs.lines())).contains("Responses stream")
                    .doesNotContain(KEY).doesNotContain(TOKEN).doesNotContain("canary");
        }
    }
}
