package agento.runtime.openai;

import static agento.runtime.openai.StreamRun.apiKeyRequest;
import static agento.runtime.openai.StreamRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeResponsesApi.Failure;
import agento.runtime.openai.ChatFailure.TimedOut;
import agento.runtime.openai.ChatFailure.TooLarge;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's bounds on time and size, against a fake that hangs or talks too much. */
class ResponsesClientLimitsTest {

    private final FakeResponsesApi fake = StreamRun.fake();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void a_reply_larger_than_the_cap_fails_as_too_large_keeping_what_arrived() {
        fake.replyWith(last -> "word ".repeat(2000)).deltaDelay(Duration.ZERO);
        ResponsesClient capped = new ResponsesClient(ResponsesLimits.DEFAULTS.withSizes(16 * 1024, 1024),
                Clock.systemUTC());

        StreamRun run = run(capped, apiKeyRequest(fake, "talk"));

        assertThat(run.failure()).isEqualTo(new TooLarge("16 KiB in all"));
        assertThat(run.failure().message()).contains("larger than Agento accepts (16 KiB in all)");
        assertThat(run.outcome().text()).startsWith("word word").isEqualTo(String.join("", run.deltas()));
    }

    @Test
    void a_line_longer_than_the_cap_fails_as_too_large() {
        fake.replyWith(last -> "x".repeat(500));
        ResponsesClient capped = new ResponsesClient(ResponsesLimits.DEFAULTS.withSizes(1024 * 1024, 400),
                Clock.systemUTC());

        assertThat(run(capped, apiKeyRequest(fake, "talk")).failure()).isEqualTo(new TooLarge("400 bytes in one line"));
    }

    @Test
    void an_answer_that_never_starts_times_out_after_the_first_byte_timeout() {
        fake.failAlways(Failure.HANG_BEFORE_ANSWER);
        ResponsesClient impatient = new ResponsesClient(ResponsesLimits.DEFAULTS.withTimeouts(
                Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)), Clock.systemUTC());

        assertThat(run(impatient, apiKeyRequest(fake, "hi")).failure()).isEqualTo(new TimedOut("to start answering"));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void a_stream_that_goes_silent_times_out_keeping_what_arrived() {
        fake.replyWith(last -> "one two three four").failAlways(Failure.HANG_MID_STREAM);
        ResponsesClient impatient = new ResponsesClient(ResponsesLimits.DEFAULTS.withTimeouts(
                Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(10)), Clock.systemUTC());

        StreamRun run = run(impatient, apiKeyRequest(fake, "hi"));

        assertThat(run.outcome()).isEqualTo(new ChatOutcome.Failed("one two ",
                new TimedOut("between two parts of the reply")));
    }

    @Test
    void a_stream_still_running_at_the_total_cap_is_cut_off() {
        fake.replyWith(last -> "word ".repeat(200)).deltaDelay(Duration.ofMillis(30));
        ResponsesClient impatient = new ResponsesClient(ResponsesLimits.DEFAULTS.withTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(600)), Clock.systemUTC());

        StreamRun run = run(impatient, apiKeyRequest(fake, "hi"));

        assertThat(run.failure()).isEqualTo(new TimedOut("to finish the reply"));
        assertThat(run.outcome().text()).startsWith("word ");
    }
}
