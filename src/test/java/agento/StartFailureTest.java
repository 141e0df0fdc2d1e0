package agento;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.support.TestApp;
import agento.vault.VaultStartupException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web server starts beside the start-up's checks: when a check fails, or the port is taken, the start-up throws
 * that failure, and neither the port nor the thread that was starting the server stays behind.
 */
class StartFailureTest {
    private static final Path KEYSET = Path.of("vault", "keyset.json");

    @Test
    void a_keyset_from_another_installation_stops_the_start_and_leaves_no_server_behind() throws Exception {
        try (TestApp app = TestApp.start(); TestApp other = TestApp.start()) {
            int port = app.port();
            app.stop();
            other.stop();
            Files.copy(other.dataDir().resolve(KEYSET), app.dataDir().resolve(KEYSET), REPLACE_EXISTING);

            assertThatThrownBy(() -> app.restart(Clock.systemUTC()))
                    .isInstanceOf(VaultStartupException.class)
                    .hasMessageStartingWith("The vault keyset does not match this database");

            assertThat(serverStartThreadsAfterAMoment()).isEmpty();
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void a_port_in_use_stops_the_start_with_javalins_bind_error_and_leaves_no_thread_behind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Map<String, String> onTakenPort = Map.of("AGENTO_PORT", Integer.toString(port),
                    "AGENTO_BASE_URL", "http://127.0.0.1:" + port);

            assertThatThrownBy(() -> TestApp.start(onTakenPort, Clock.systemUTC()))
                    .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo("JavalinBindException"));

            assertThat(serverStartThreadsAfterAMoment()).isEmpty();
        }
    }

    /** The thread ends right after it reports; give it a moment rather than race it. */
    private static List<Thread> serverStartThreadsAfterAMoment() throws InterruptedException {
        List<Thread> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("agento-web-start") && t.isAlive()).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        return left;
    }
}
