package agento;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code java -XX:ArchiveClassesAtExit=agento.jsa -jar agento.jar cds-training}: the run {@code scripts/run} records
 * its class-data archive (AppCDS) with, once per build, before the server's first start.
 *
 * <p>It starts Agento as a first start does (an empty H2 database, migrations, a new vault key), in a temporary folder,
 * on a free loopback port, with every outside address at a closed loopback port; asks for the pages a first visit
 * opens; stops; and deletes the folder. The JVM then writes the classes it loaded to the archive, so every later start,
 * a fresh install's first one included, maps them instead of loading and verifying them again. It touches no data
 * folder, database, port or address of the configured server.
 */
final class ClassDataTraining {
    /** What a first visit asks for; each must answer 200. */
    static final List<String> PAGES = List.of("/health", "/setup", "/static/css/app.css");
    private static final String CLOSED = "http://127.0.0.1:9"; // the discard port: nothing listens there

    private ClassDataTraining() {}

    /** Runs the training; throws when Agento does not start or a page does not answer 200. */
    static void run() {
        Path dir = temporaryFolder();
        try {
            AppConfig config = AppConfig.fromEnv(Map.of(
                    "AGENTO_DATA_DIR", dir.toString(),
                    "AGENTO_PORT", "0",
                    "AGENTO_BASE_URL", "http://127.0.0.1",
                    "AGENTO_OPENAI_API_BASE", CLOSED + "/v1",
                    "AGENTO_OPENAI_CHATGPT_BASE", CLOSED + "/backend-api/codex",
                    "AGENTO_OPENAI_OAUTH_ISSUER", CLOSED,
                    // not a loopback address: no callback listener on the configured server's sign-in port
                    "AGENTO_OPENAI_OAUTH_REDIRECT_URI", "https://agento.invalid/oauth/openai/callback",
                    "AGENTO_TELEGRAM_API_BASE", CLOSED));
            try (Agento agento = Agento.start(config, Clock.systemUTC())) {
                visit(agento.port());
            }
        } finally {
            delete(dir);
        }
    }

    private static void visit(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String page : PAGES) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                    .timeout(Duration.ofSeconds(30)).build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException(page + " answered " + status);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(page + " did not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("agento-cds-training");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
