package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.support.Accounts;
import agento.support.HtmxChat;
import agento.support.TestApp;
import agento.support.WebClient;
import agento.web.WebServer;
import java.io.BufferedReader;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server's request threads are few (WebServer.MAX_THREADS): an open chat stream must not hold one. */
class ManyStreamsHttpTest {
    private static final String KEY = "sk-proj-ManyStreamsKey0123456789abcdefAB";

    @Test
    void more_chats_streaming_at_once_than_request_threads_all_finish_and_pages_still_answer_meanwhile() throws Exception {
        int streams = WebServer.MAX_THREADS + 8;
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try (FakeOpenAiApi openAi = new FakeOpenAiApi().acceptKey(KEY);
             TestApp app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC())) {
            // each reply streams for about 10 s: time enough, on a slow machine too, to open all and load a page meanwhile
            openAi.responses().replyWith(text -> "word ".repeat(100)).deltaDelay(Duration.ofMillis(100));
            WebClient alice = Accounts.admin(app, "alice@example.com");
            long agent = Accounts.connectAndStart(alice, Accounts.agent(alice, "Helper"), KEY);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicInteger open = new AtomicInteger();
            List<Future<Integer>> deltas = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                deltas.add(pool.submit(() -> streamWholeReply(http, app, alice, agent, open)));
            }
            for (int i = 0; i < 1_000 && open.get() < streams; i++) {
                Thread.sleep(10);
            }
            assertThat(open.get()).as("streams that got their first delta").isEqualTo(streams);

            long before = System.nanoTime();
            WebClient.Response dashboard = alice.get("/");
            assertThat(dashboard.status()).isEqualTo(200);
            assertThat(dashboard.body()).contains("Helper");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
            assertThat(deltas).noneMatch(Future::isDone);

            for (Future<Integer> d : deltas) {
                assertThat(d.get(60, TimeUnit.SECONDS)).as("deltas before done").isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int streamWholeReply(HttpClient http, TestApp app, WebClient alice, long agent, AtomicInteger open)
            throws Exception {
        int deltas = 0;
        try (BufferedReader events = HtmxChat.open(http, app, alice, HtmxChat.send(http, app, alice, agent, "ping"))) {
            for (String line; (line = events.readLine()) != null; ) {
                if (line.startsWith("event: delta") && ++deltas == 1) {
                    open.incrementAndGet();
                }
                if (line.startsWith("event: done")) {
                    return deltas;
                }
            }
        }
        return -1;
    }
}
