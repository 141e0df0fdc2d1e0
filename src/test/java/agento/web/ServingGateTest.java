package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.db.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web server starts beside the rest of the start-up, but answers nothing before the start-up says it is ready. */
class ServingGateTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private Database database;
    private Javalin web;
    private int port;

    @BeforeEach
    void server() throws IOException {
        database = Database.open("jdbc:h2:mem:gate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        UserDirectory nobody = new UserDirectory() {
            @Override
            public boolean setupNeeded() {
                return false;
            }

            @Override
            public Optional<SessionUser> current(SessionUser user) {
                return Optional.empty();
            }
        };
        RouteTable health = routes -> routes.get("/health", ctx -> ctx.result("ok"), Role.ANYONE);
        web = WebServer.create(new WebServer.Settings(false, 1024, database.dataSource(), false, ready), Clock.systemUTC(),
                nobody, List.of(health), List.of(), database.generation()::current);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        web.stop();
        database.close();
    }

    @Test
    void a_request_waits_until_the_start_up_is_ready_then_is_answered() throws Exception {
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> web.start(port));
        // without the wait, Jetty here starts and answers within a few hundred milliseconds
        assertThat(answersDuring(Duration.ofMillis(1500))).doesNotContain("200 ok");
        assertThat(started).isNotDone();

        ready.complete(null);
        started.get(10, TimeUnit.SECONDS);
        assertThat(answerOrTimeout()).isEqualTo("200 ok");
    }

    @Test
    void when_the_start_up_fails_the_server_never_answers_and_its_start_fails() throws Exception {
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> web.start(port));
        assertThat(answersDuring(Duration.ofMillis(1000))).doesNotContain("200 ok");

        ready.completeExceptionally(new IllegalStateException("the vault keyset does not match"));

        assertThat(started).failsWithin(Duration.ofSeconds(10));
        assertThat(answersDuring(Duration.ofMillis(500))).doesNotContain("200 ok");
    }

    private Set<String> answersDuring(Duration window) throws InterruptedException {
        Set<String> answers = new HashSet<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            answers.add(answerOrTimeout());
            Thread.sleep(25);
        }
        return answers;
    }

    private String answerOrTimeout() throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofMillis(300)).build();
        try {
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (HttpTimeoutException e) {
            return "no answer";
        } catch (IOException e) {
            return "refused";
        }
    }
}
