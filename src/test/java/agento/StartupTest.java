package agento;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.TestApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code agento.Main} in a child JVM, as {@code java -jar agento.jar} runs it: exit codes, the one line a
 * bad start prints, {@code /health}, and {@code rotate-key} against the same data directory.
 */
class StartupTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_port_that_is_not_a_number_stops_start_up_with_one_line_naming_the_variable() throws Exception {
        Child child = launch(Map.of("AGENTO_PORT", "abc", "AGENTO_DATA_DIR", dir.resolve("data").toString()));

        assertThat(child.exitCode()).isEqualTo(2);
        assertThat(child.stderrLines()).singleElement().asString()
                .startsWith("agento: configuration error: AGENTO_PORT ")
                .contains("\"abc\"");
    }

    @Test
    void an_unwritable_data_dir_stops_start_up_with_one_line_naming_the_variable() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Child child = launch(Map.of("AGENTO_PORT", Integer.toString(freePort()),
                "AGENTO_DATA_DIR", file.resolve("data").toString()));

        assertThat(child.exitCode()).isEqualTo(2);
        assertThat(child.stderrLines()).singleElement().asString()
                .startsWith("agento: configuration error: AGENTO_DATA_DIR ")
                .contains("is not a writable directory");
    }

    @Test
    void an_unknown_command_prints_the_usage_and_exits_2() throws Exception {
        Child child = launch(Map.of(), "bogus");

        assertThat(child.exitCode()).isEqualTo(2);
        assertThat(child.stderr()).startsWith("agento: unknown command \"bogus\"").contains("rotate-key");
    }

    @Test
    void a_malformed_master_key_stops_start_up_with_one_line_and_no_stack_trace() throws Exception {
        Child child = launch(validEnv(freePort(), dir.resolve("data"), "AGENTO_MASTER_KEY", "not base64!"));

        assertThat(child.exitCode()).isEqualTo(1);
        assertThat(child.stderrLines()).singleElement().asString()
                .startsWith("agento: could not start: AGENTO_MASTER_KEY is not valid base64")
                .doesNotContain("not base64!");
        assertThat(child.stdout()).doesNotContain("\tat ");
    }

    @Test
    void a_port_in_use_stops_start_up_with_one_line() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            Child child = launch(validEnv(taken.getLocalPort(), dir.resolve("data")));

            assertThat(child.exitCode()).isEqualTo(1);
            assertThat(child.stderrLines()).singleElement().asString()
                    .startsWith("agento: could not start: ")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void an_unreachable_database_stops_start_up_with_one_line_saying_so() throws Exception {
        Child child = launch(validEnv(freePort(), dir.resolve("data"), "AGENTO_DB_URL",
                "jdbc:postgresql://127.0.0.1:9/agento", "AGENTO_DB_USER", "agento"));

        assertThat(child.exitCode()).isEqualTo(1);
        assertThat(child.stderrLines()).singleElement().asString()
                .startsWith("agento: could not start: cannot open the database: ")
                .contains("127.0.0.1:9").doesNotContain("Exception");
    }

    @Test
    void starts_with_data_in_dot_data_rotates_the_key_while_stopped_and_starts_again() throws Exception {
        int port = freePort();
        Map<String, String> env = validEnv(port, null); // no AGENTO_DATA_DIR: the default ./data of the working dir
        Path data = dir.resolve("data");

        Child server = launch(env);
        assertThat(healthOf(server, port)).isEqualTo("200 ok");
        assertThat(data.resolve("agento.mv.db")).exists();
        assertThat(data.resolve("vault/keyset.json")).exists();

        Child refused = launch(env, "rotate-key");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderrLines()).singleElement().asString()
                .startsWith("agento: rotate-key failed: the database is already in use by another process");
        String keysetWhileRunning = Files.readString(data.resolve("vault/keyset.json"));

        server.stop();

        Child rotation = launch(env, "rotate-key");
        assertThat(rotation.exitCode()).as(rotation.stderr()).isZero();
        assertThat(rotation.stdout()).containsPattern("(?m)^Rotated the vault key: 1 secrets re-encrypted\\.$");
        assertThat(rotation.stderr()).isEmpty();
        assertThat(Files.readString(data.resolve("vault/keyset.json"))).isNotEqualTo(keysetWhileRunning);

        Child again = launch(env);
        assertThat(healthOf(again, port)).isEqualTo("200 ok");
        again.stop();
    }

    @Test
    void reset_admin_password_for_an_unknown_address_says_so_and_exits_1() throws Exception {
        Map<String, String> env = validEnv(freePort(), dir.resolve("fresh-data"));

        Child reset = launch(env, "reset-admin-password", "nobody@example.com");

        assertThat(reset.exitCode()).isEqualTo(1);
        assertThat(reset.stderrLines()).singleElement().asString()
                .isEqualTo("agento: there is no administrator with the e-mail address nobody@example.com");
    }

    private Map<String, String> validEnv(int port, Path dataDir, String... more) {
        Map<String, String> env = TestApp.offlineEnv(port);
        if (dataDir != null) {
            env.put("AGENTO_DATA_DIR", dataDir.toString());
        }
        env.put("AGENTO_OPENAI_OAUTH_ISSUER", "http://127.0.0.1:9");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java agento.Main args} with {@code env} as the only AGENTO_* variables and {@link #dir} as working dir. */
    private Child launch(Map<String, String> env, String... args) throws IOException {
        String javaHome = System.getProperty("java.home");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(javaHome, "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", classPath,
                "agento.Main"));
        command.addAll(List.of(args));
        int n = started.size();
        Path out = dir.resolve("child-" + n + ".out");
        Path err = dir.resolve("child-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AGENTO_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return new Child(process, out, err);
    }

    /** Polls {@code /health} until it answers; fails early when the server exits instead. */
    private static String healthOf(Child child, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.process.isAlive()) {
                throw new AssertionError("server exited with " + child.process.exitValue() + ": " + child.stderr()
                        + child.stdout());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() + " " + response.body();
            } catch (ConnectException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no answer on /health within " + HEALTHY_WITHIN + ": " + child.stdout());
    }

    private record Child(Process process, Path out, Path err) {
        int exitCode() throws InterruptedException {
            if (!process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + EXIT_WITHIN + ": " + stdout() + stderr());
            }
            return process.exitValue();
        }

        /** SIGTERM, as Ctrl-C or a service manager stops it; the shutdown hook closes the database. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not stop within " + EXIT_WITHIN);
            }
        }

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        List<String> stderrLines() {
            return stderr().lines().toList();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
