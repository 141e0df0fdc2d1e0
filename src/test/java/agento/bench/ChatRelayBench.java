package agento.bench;

import agento.fakes.FakeOpenAiApi;
import agento.runtime.openai.ChatOutcome;
import agento.runtime.openai.InputItem;
import agento.runtime.openai.ResponsesClient;
import agento.runtime.openai.ResponsesRequest;
import agento.runtime.openai.ResponsesTarget;
import agento.runtime.openai.StopSignal;
import agento.support.Accounts;
import agento.support.HtmxChat;
import agento.support.TestApp;
import agento.support.WebClient;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The chat relay's figures for scripts/bench: time to first token through Agento (Send, then the SSE stream) minus
 * calling the fake Responses API directly, over 200 messages in conversations of 10, after a warm-up of 400 messages
 * and then, with {@code -DwarmupSeconds}, of that many seconds more: the browser's side on Java's
 * HttpClient, then on one socket ({@link SocketHttp}), then on the socket with a fake model that thinks 50 ms before
 * its first token; 100 streaming chats at once; heap per open stream.
 * Everything on 127.0.0.1; bounded in count and time.
 */
public final class ChatRelayBench {
    private static final String KEY = "sk-proj-BenchKeyForTheRelay0123456789Ab";
    private static final int WARM_UP = Integer.getInteger("warmup", 400);
    /** More warm-up, by time, after a first figure at {@link #WARM_UP}: on 2 cores the JIT is still at work then. */
    private static final long WARM_UP_SECONDS = Long.getLong("warmupSeconds", 0);

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (FakeOpenAiApi openAi = new FakeOpenAiApi().acceptKey(KEY);
             TestApp app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC())) {
            // each stream is read to its end (below): short gaps keep that quick; the stream opens within them
            openAi.responses().replyWith(text -> "pong " + "word ".repeat(3)).deltaDelay(Duration.ofMillis(5));
            WebClient alice = Accounts.admin(app, "bench@example.org");
            long agent = Accounts.connectAndStart(alice, Accounts.agent(alice, "Bench"), KEY);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ResponsesClient direct = new ResponsesClient();

            Browser javaClient = httpClient(alice, app, http, agent);
            try (SocketHttp connection = new SocketHttp(app.port())) {
                Browser socket = socket(alice, connection, agent);
                for (int i = 0; i < WARM_UP; i++) { // unmeasured: the JIT compiles the Send and stream paths meanwhile
                    directFirstToken(direct, openAi);
                    relayFirstToken(i % 2 == 0 ? javaClient : socket);
                }
                if (WARM_UP_SECONDS > 0) {
                    // the figure earlier rounds reported, then as long a warm-up as the pages get (scripts/bench)
                    double[] early = firstTokens(javaClient, direct, openAi, messages);
                    row("relay overhead after " + WARM_UP + " messages of warm-up, Java's HttpClient (p50)",
                            String.format("%.2f ms", early[2] - early[0]));
                    long until = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
                    for (int i = 0; System.nanoTime() < until; i++) {
                        directFirstToken(direct, openAi);
                        relayFirstToken(i % 2 == 0 ? javaClient : socket);
                    }
                }
                int warmSends = SEND_MS.size();
                int warmFirsts = FIRST_SEND_MS.size();
                double[] instant = firstTokens(javaClient, direct, openAi, messages);
                row("time to first token, direct to the fake (p50 / p99)",
                        String.format("%.2f ms / %.2f ms", instant[0], instant[1]));
                row("time to first token through Agento (p50 / p99)",
                        String.format("%.2f ms / %.2f ms", instant[2], instant[3]));
                row("relay overhead, " + messages + " messages, " + PER_CONVERSATION + " per conversation, the browser's"
                        + " side on Java's HttpClient (p50)", String.format("%.2f ms", instant[2] - instant[0]));
                row("of which Send (store, start the reply, render) p50",
                        String.format("%.2f ms in a conversation, %.2f ms starting one",
                                percentile(SEND_MS.subList(warmSends, SEND_MS.size()), 50),
                                percentile(FIRST_SEND_MS.subList(warmFirsts, FIRST_SEND_MS.size()), 50)));
                // the same with a client that reads on its own thread (SocketHttp): Java's HttpClient's hand-offs out
                double[] lean = firstTokens(socket, direct, openAi, messages);
                row("relay overhead, the browser's side on one socket (p50)",
                        String.format("%.2f ms (direct %.2f ms, through Agento %.2f ms)", lean[2] - lean[0], lean[0],
                                lean[2]));
                // a real model thinks for hundreds of milliseconds before its first token; Send's answer and the
                // stream's opening then happen meanwhile, and what is left is Agento's own relaying
                openAi.responses().thinkTime(THINK);
                double[] thinking = firstTokens(socket, direct, openAi, messages);
                row("relay overhead, on one socket, the model thinking " + THINK.toMillis() + " ms first (p50)",
                        String.format("%.2f ms (direct %.2f ms, through Agento %.2f ms)", thinking[2] - thinking[0],
                                thinking[0], thinking[2]));
                openAi.responses().thinkTime(Duration.ZERO);
            }

            openAi.responses().replyWith(text -> "word ".repeat(100)).deltaDelay(Duration.ofMillis(40));
            long heapBefore = usedHeapAfterGc();
            ExecutorService pool = Executors.newFixedThreadPool(concurrent);
            List<Future<Boolean>> streams = new ArrayList<>();
            long[] heapDuring = {0};
            for (int i = 0; i < concurrent; i++) {
                streams.add(pool.submit(() -> streamWholeReply(alice, app, http, agent)));
            }
            Thread.sleep(2_000);
            heapDuring[0] = usedHeapAfterGc();
            int ok = 0;
            for (Future<Boolean> s : streams) {
                ok += s.get() ? 1 : 0;
            }
            pool.shutdown();
            row(concurrent + " concurrent streaming chats", ok + " completed, " + (concurrent - ok) + " errors");
            row("heap per open stream (after GC)", String.format("%.1f KB", (heapDuring[0] - heapBefore) / 1024.0 / concurrent));
        }
    }

    private static final Duration THINK = Duration.ofMillis(50);

    /** Direct and through Agento, alternating: p50 and p99 of each (direct first). */
    private static double[] firstTokens(Browser browser, ResponsesClient direct, FakeOpenAiApi openAi, int messages)
            throws Exception {
        List<Double> directMs = new ArrayList<>();
        List<Double> relayMs = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            directMs.add(directFirstToken(direct, openAi));
            relayMs.add(relayFirstToken(browser));
        }
        return new double[] {percentile(directMs, 50), percentile(directMs, 99), percentile(relayMs, 50),
                percentile(relayMs, 99)};
    }

    private static double directFirstToken(ResponsesClient client, FakeOpenAiApi openAi) {
        long started = System.nanoTime();
        long[] first = {0};
        ResponsesRequest request = new ResponsesRequest(ResponsesTarget.apiKey(openAi.baseUrl(), KEY), "gpt-5.2", "",
                List.of(InputItem.user("ping")), "1");
        ChatOutcome outcome = client.stream(request, delta -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime();
            }
        }, new StopSignal());
        if (!(outcome instanceof ChatOutcome.Completed)) {
            throw new IllegalStateException("direct call failed: " + outcome);
        }
        return (first[0] - started) / 1e6;
    }

    /** A person chats in a conversation: the first Send starts one, the next ones go to it (the page's hidden field). */
    private static final int PER_CONVERSATION = 10;
    private static final List<Double> SEND_MS = new ArrayList<>();
    private static final List<Double> FIRST_SEND_MS = new ArrayList<>();
    private static String conversation = "";

    /** The browser's side: Send as htmx does, then the reply's event stream line by line. */
    private interface Browser {
        HtmxChat.Sent send(String message, String conversation) throws Exception;

        /** Reads the stream to its end; returns when its first delta (or "done") came, in System.nanoTime(). */
        long readStream(String path) throws Exception;
    }

    /** Java's HttpClient, as earlier rounds measured (one request at a time; its own threads carry each). */
    private static Browser httpClient(WebClient alice, TestApp app, HttpClient http, long agent) {
        return new Browser() {
            @Override
            public HtmxChat.Sent send(String message, String conversation) throws Exception {
                return HtmxChat.send(http, app, alice, agent, message, conversation);
            }

            @Override
            public long readStream(String path) throws Exception {
                long first = 0;
                try (BufferedReader events = HtmxChat.open(http, app, alice, path)) {
                    for (String line; (line = events.readLine()) != null; ) {
                        first = first == 0 && isFirst(line) ? System.nanoTime() : first;
                    }
                }
                return first;
            }
        };
    }

    /** One kept-alive socket, read on the caller's thread ({@link SocketHttp}). */
    private static Browser socket(WebClient alice, SocketHttp http, long agent) {
        Map<String, String> cookie = Map.of("Cookie", "AGENTO_SESSION=" + alice.sessionId());
        return new Browser() {
            @Override
            public HtmxChat.Sent send(String message, String conversation) throws Exception {
                SocketHttp.Response sent = http.post(HtmxChat.sendPath(agent), HtmxChat.sendHeaders(alice),
                        HtmxChat.sendForm(message, conversation));
                return HtmxChat.sent(sent.status(), sent.body());
            }

            @Override
            public long readStream(String path) throws Exception {
                long[] first = {0};
                http.stream(path, cookie, line -> first[0] = first[0] == 0 && isFirst(line) ? System.nanoTime()
                        : first[0]);
                return first[0];
            }
        };
    }

    /** A reply already finished when the stream opens comes as "done" alone: its text was there first. */
    private static boolean isFirst(String line) {
        return line.startsWith("event: delta") || line.startsWith("event: done");
    }

    /**
     * Send, then open the reply's SSE stream: the time to its first delta. The stream is then read to its end, as a
     * browser's is, so the next Send finds the connection open, as a browser's does. (Closing it at the first delta
     * made every Send open a new connection.)
     */
    private static double relayFirstToken(Browser browser) throws Exception {
        long started = System.nanoTime();
        HtmxChat.Sent sent = browser.send("ping", conversation);
        double sendMs = (System.nanoTime() - started) / 1e6;
        (conversation.isEmpty() ? FIRST_SEND_MS : SEND_MS).add(sendMs);
        int sends = FIRST_SEND_MS.size() + SEND_MS.size();
        conversation = sends % PER_CONVERSATION == 0 ? "" : sent.conversation();
        long first = browser.readStream(sent.stream());
        if (first == 0) {
            throw new IllegalStateException("no delta from " + sent.stream());
        }
        return (first - started) / 1e6;
    }

    private static boolean streamWholeReply(WebClient alice, TestApp app, HttpClient http, long agent) {
        try (BufferedReader events = HtmxChat.open(http, app, alice, HtmxChat.send(http, app, alice, agent, "ping"))) {
            int deltas = 0;
            for (String line; (line = events.readLine()) != null; ) {
                deltas += line.startsWith("event: delta") ? 1 : 0;
                if (line.startsWith("event: done")) {
                    return deltas > 0;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void row(String what, String figure) {
        System.out.printf("| %-52s | %s |%n", what, figure);
    }
}
