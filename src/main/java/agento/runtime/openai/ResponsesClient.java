package agento.runtime.openai;

import agento.common.OnFirstUse;
import agento.runtime.openai.ChatFailure.TimedOut;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams replies from OpenAI's Responses API (API key or ChatGPT sign-in) with bounded time, size and
 * retries. Thread-safe; share one. Never throws for what OpenAI or the network does: every end is a
 * {@link ChatOutcome}.
 */
public final class ResponsesClient {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsesClient.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ResponsesLimits limits;
    private final Clock clock;
    private final OnFirstUse<HttpClient> http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "responses-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public ResponsesClient() {
        this(ResponsesLimits.DEFAULTS, Clock.systemUTC());
    }

    public ResponsesClient(ResponsesLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.http = new OnFirstUse<>(() -> HttpClient.newBuilder()
                .connectTimeout(limits.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                // one connection per stream, so closing it on Stop really ends the request at OpenAI
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    /**
     * Streams one reply, blocking the calling thread until it ends. Each text delta goes to {@code onDelta}
     * on this thread, in order; an exception thrown there closes the stream and propagates. 429 and 5xx
     * answers are retried a bounded number of times; 401 is not (a ChatGPT caller refreshes and calls again).
     */
    public ChatOutcome stream(ResponsesRequest request, Consumer<String> onDelta, StopSignal stop) {
        String unsendable = OutgoingRequest.unsendable(request);
        if (unsendable != null) {
            return logged(request, new ChatOutcome.Failed("", new ChatFailure.Unsendable(unsendable)), 0);
        }
        long deadline = System.nanoTime() + limits.total().toNanos();
        Duration waited = Duration.ZERO;
        try {
            for (int attempt = 1; ; attempt++) {
                Attempt result = attempt(request, onDelta, stop, deadline, attempt);
                Duration wait = result.retryAfter();
                if (wait == null || attempt > limits.maxRetries()
                        || waited.plus(wait).compareTo(limits.maxRetryWait()) > 0
                        || System.nanoTime() + wait.toNanos() - deadline >= 0) {
                    return logged(request, result.outcome(), attempt);
                }
                waited = waited.plus(wait);
                if (stop.sleep(wait)) {
                    return logged(request, new ChatOutcome.Stopped(""), attempt);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged(request, new ChatOutcome.Stopped(""), 0);
        } finally {
            stop.clear();
        }
    }

    /** One try; {@code retryAfter} is non-null when it may be repeated after that wait. */
    private record Attempt(ChatOutcome outcome, Duration retryAfter) {
        static Attempt done(ChatOutcome outcome) {
            return new Attempt(outcome, null);
        }
    }

    private Attempt attempt(ResponsesRequest request, Consumer<String> onDelta, StopSignal stop, long deadline,
            int attempt) throws InterruptedException {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (stop.isStopped()) {
            return Attempt.done(new ChatOutcome.Stopped(""));
        }
        if (left.isNegative() || left.isZero()) {
            return Attempt.done(failed(new TimedOut("to finish the reply")));
        }
        Duration firstByte = left.compareTo(limits.firstByte()) < 0 ? left : limits.firstByte();
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.get().sendAsync(OutgoingRequest.build(request, firstByte), HttpResponse.BodyHandlers.ofInputStream());
        stop.whenStopped(() -> pending.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = pending.get(firstByte.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Attempt.done(failed(new TimedOut("to start answering")));
        } catch (CancellationException e) {
            return Attempt.done(new ChatOutcome.Stopped(""));
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return Attempt.done(stop.isStopped()
                    ? new ChatOutcome.Stopped("") : failed(FailureClassifier.notAnswered(e.getCause())));
        }
        return read(request, response, onDelta, stop, deadline, attempt);
    }

    private Attempt read(ResponsesRequest request, HttpResponse<InputStream> response, Consumer<String> onDelta,
            StopSignal stop, long deadline, int attempt) {
        InputStream raw = response.body();
        try (StreamWatchdog watchdog = new StreamWatchdog(timer, limits.idle(), deadline, () -> quietly(raw))) {
            stop.whenStopped(() -> quietly(raw));
            InputStream in = watchdog.watch(raw);
            if (response.statusCode() != 200) {
                return errorAnswer(request, response, in, attempt);
            }
            String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.startsWith("text/event-stream")) {
                return Attempt.done(failed(new ChatFailure.Unreachable("unexpected answer, not an event stream")));
            }
            EventStream events = new EventStream(request, onDelta, clock);
            try {
                return Attempt.done(events.read(new SseReader(in, limits.maxLineBytes(), limits.maxResponseBytes())));
            } catch (SseReader.LimitExceeded e) {
                return Attempt.done(new ChatOutcome.Failed(events.text(), new ChatFailure.TooLarge(e.getMessage())));
            } catch (IOException e) {
                return Attempt.done(events.brokenOff(watchdog.expired(), stop.isStopped()));
            }
        } finally {
            quietly(raw);
        }
    }

    private Attempt errorAnswer(ResponsesRequest request, HttpResponse<InputStream> response, InputStream in,
            int attempt) {
        String body;
        try {
            body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            body = "";
        }
        Duration backoff = limits.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        FailureClassifier.Verdict verdict = FailureClassifier.httpError(response.statusCode(), response.headers(),
                ErrorBody.parse(body, clock.instant()), request, attempt, backoff);
        return new Attempt(failed(verdict.failure()), verdict.retryAfter());
    }

    private static ChatOutcome failed(ChatFailure failure) {
        return new ChatOutcome.Failed("", failure);
    }

    private static void quietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how we stop; a failure to close changes nothing
        }
    }

    private static ChatOutcome logged(ResponsesRequest request, ChatOutcome outcome, int attempts) {
        String what = outcome instanceof ChatOutcome.Failed failed
                ? "failed (" + failed.failure().kind() + ")" : outcome.getClass().getSimpleName();
        LOG.info("Responses stream ({}): {} after {} attempt(s)", request.target().backend(), what, attempts);
        return outcome;
    }
}
