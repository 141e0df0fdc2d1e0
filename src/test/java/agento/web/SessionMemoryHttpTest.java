package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.QueryCounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On embedded H2 this server is the only one on its database: a session is read from {@code http_sessions} once,
 * after a restart, and then kept in memory; it is still written there, so a restart signs nobody out. (Where servers
 * share a database, {@code TwoServersIT} checks that a sign-out on one ends the session on the other.)
 */
class SessionMemoryHttpTest {
    private TestApp app;

    @BeforeEach
    void onlyOnTheEmbeddedDatabase() {
        QueryCounts.assumeEmbeddedH2();
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void the_only_server_on_its_database_reads_a_session_once_and_a_restart_keeps_it() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        countSessionReads();
        for (int i = 0; i < 5; i++) {
            assertThat(alice.get("/").status()).isEqualTo(200);
        }
        assertThat(sessionReads()).as("signed in here: the session is in memory").isZero();

        app.restart(Clock.systemUTC());
        countSessionReads();
        for (int i = 0; i < 5; i++) {
            assertThat(alice.get("/").status()).as("still signed in after a restart").isEqualTo(200);
        }
        assertThat(sessionReads()).as("read back once after the restart").isEqualTo(1);

        assertThat(alice.post("/logout", Map.of()).status()).isEqualTo(303);
        assertThat(alice.get("/").location()).as("signed out").startsWith("/login");
        assertThat(app.count("SELECT COUNT(*) FROM http_sessions")).isZero();
    }

    private void countSessionReads() {
        QueryCounts.start(app);
    }

    private long sessionReads() {
        return QueryCounts.selects(app, "select%http_sessions%");
    }
}
