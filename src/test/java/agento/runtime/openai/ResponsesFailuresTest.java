package agento.runtime.openai;

import static agento.runtime.openai.StreamRun.apiKeyRequest;
import static agento.runtime.openai.StreamRun.chatGptRequest;
import static agento.runtime.openai.StreamRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeResponsesApi.Failure;
import agento.runtime.openai.ChatFailure.ProviderUnavailable;
import agento.runtime.openai.ChatFailure.RateLimited;
import agento.runtime.openai.ResponsesTarget.Backend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesFailuresTest {

    private final FakeResponsesApi fake = StreamRun.fake();
    private final ResponsesClient client = new ResponsesClient(
            ResponsesLimits.DEFAULTS.withRetries(2, Duration.ofSeconds(20), Duration.ofMillis(50)), Clock.systemUTC());

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void no_quota_asks_for_billing_and_is_not_retried() {
        fake.failAlways(Failure.INSUFFICIENT_QUOTA);

        ChatFailure failure = run(client, apiKeyRequest(fake, "hi")).failure();

        assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.INSUFFICIENT_QUOTA);
        assertThat(failure.message()).isEqualTo("OpenAI says this account has no billing or quota set up. "
                + "Add a payment method at platform.openai.com → Billing, then Start again.");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_rate_limit_is_waited_out_per_retry_after_and_the_reply_still_comes() {
        fake.failNext(Failure.RATE_LIMITED, 2).retryAfter(Duration.ofMillis(150), true);
        long started = System.nanoTime();

        StreamRun run = run(client, apiKeyRequest(fake, "hi"));

        assertThat(run.outcome()).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void without_a_retry_after_header_the_wait_in_openais_message_is_used() {
        fake.failNext(Failure.RATE_LIMITED, 1).retryAfter(Duration.ofMillis(250), false);
        long started = System.nanoTime();

        assertThat(run(client, apiKeyRequest(fake, "hi")).outcome()).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(FailureClassifier.fromMessage("Please try again in 1.5s. Visit")).isEqualTo(Duration.ofMillis(1500));
        assertThat(FailureClassifier.fromMessage("Please try again in 20ms.")).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void a_rate_limit_that_outlasts_the_retries_says_so() {
        fake.failAlways(Failure.RATE_LIMITED).retryAfter(Duration.ofMillis(50), true);

        ChatFailure failure = run(client, apiKeyRequest(fake, "hi")).failure();

        assertThat(failure).isEqualTo(new RateLimited(3));
        assertThat(failure.message()).contains("rate limiting").contains("tried 3 times");
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void a_rate_limit_asking_for_a_longer_wait_than_the_cap_fails_at_once() {
        fake.failAlways(Failure.RATE_LIMITED).retryAfter(Duration.ofSeconds(30), true);
        long started = System.nanoTime();

        assertThat(run(client, apiKeyRequest(fake, "hi")).failure()).isEqualTo(new RateLimited(1));
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void the_chatgpt_usage_limit_says_when_it_resets() {
        fake.failAlways(Failure.USAGE_LIMIT_REACHED).usageResetsAt(Instant.parse("2030-01-01T12:00:00Z"));

        ChatFailure failure = run(client, chatGptRequest(fake, "hi")).failure();

        assertThat(failure).isEqualTo(new ChatFailure.UsageLimitReached(Instant.parse("2030-01-01T12:00:00Z")));
        assertThat(failure.message()).isEqualTo("This ChatGPT plan has reached its usage limit. "
                + "It resets on 1 Jan 2030, 12:00 UTC.");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_server_error_is_retried_and_the_reply_still_comes() {
        fake.failNext(Failure.SERVER_ERROR, 1);

        assertThat(run(client, apiKeyRequest(fake, "hi")).outcome()).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void an_overloaded_openai_after_the_retries_says_so() {
        fake.failAlways(Failure.OVERLOADED);

        ChatFailure failure = run(client, apiKeyRequest(fake, "hi")).failure();

        assertThat(failure).isEqualTo(new ProviderUnavailable(503, 3));
        assertThat(failure.message()).contains("OpenAI is having trouble (HTTP 503, tried 3 times)");
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void a_conversation_too_long_for_the_model_asks_for_a_new_one() {
        fake.failAlways(Failure.CONTEXT_LENGTH_EXCEEDED);

        ChatFailure failure = run(client, apiKeyRequest(fake, "hi")).failure();

        assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.CONTEXT_TOO_LONG);
        assertThat(failure.message()).contains("Start a New conversation");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_retired_chatgpt_model_points_to_settings() {
        fake.failAlways(Failure.MODEL_NOT_SUPPORTED);

        ChatFailure failure = run(client, chatGptRequest(fake, "hi")).failure();

        assertThat(failure).isEqualTo(new ChatFailure.ModelNotSupported("gpt-5.2"));
        assertThat(failure.message()).contains("gpt-5.2 is no longer available").contains("Settings");
    }

    @Test
    void a_wrong_api_key_is_rejected_once_without_retrying() {
        ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey(fake.baseUrl(), "sk-proj-wrong"),
                "gpt-5.2", "", List.of(InputItem.user("hi")), "c");

        ChatFailure failure = run(client, request).failure();

        assertThat(failure).isEqualTo(new ChatFailure.Unauthorized(Backend.API_KEY));
        assertThat(failure.message()).isEqualTo("OpenAI rejected the key. Check or replace it in Settings.");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void an_expired_chatgpt_token_is_unauthorized_for_the_caller_to_refresh() {
        fake.failNext(Failure.UNAUTHORIZED, 1);

        assertThat(run(client, chatGptRequest(fake, "hi")).failure())
                .isEqualTo(new ChatFailure.Unauthorized(Backend.CHATGPT));
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(run(client, chatGptRequest(fake, "hi")).outcome()).isInstanceOf(ChatOutcome.Completed.class);
    }

    @Test
    void another_refusal_shows_openais_own_message() {
        fake.failAlways(Failure.INVALID_REQUEST);

        ChatFailure failure = run(client, apiKeyRequest(fake, "hi")).failure();

        assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.REJECTED);
        assertThat(failure.message()).isEqualTo("OpenAI refused the request (HTTP 400): Invalid value: "
                + "'input_image'. Supported values are: 'input_text' and 'output_text'.");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_response_failed_event_mid_stream_fails_keeping_the_text_so_far() {
        fake.replyWith(last -> "one two three four").failNext(Failure.FAILED_MID_STREAM, 1);

        StreamRun run = run(client, apiKeyRequest(fake, "hi"));

        assertThat(run.outcome()).isEqualTo(new ChatOutcome.Failed("one two ", new ChatFailure.StreamError(
                "server_error", "The model failed to generate a response.")));
        assertThat(run.deltas()).containsExactly("one ", "two ");
    }

    @Test
    void an_error_event_fails_with_its_message() {
        fake.failNext(Failure.ERROR_EVENT, 1);

        assertThat(run(client, apiKeyRequest(fake, "hi")).failure().message())
                .isEqualTo("OpenAI stopped with an error: An error occurred while processing your request.");
    }

    @Test
    void nobody_listening_is_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey("http://127.0.0.1:" + closedPort
                + "/v1", StreamRun.KEY), "gpt-5.2", "", List.of(InputItem.user("hi")), "c");

        assertThat(run(client, request).failure()).isEqualTo(new ChatFailure.Unreachable("could not connect"));
    }
}
