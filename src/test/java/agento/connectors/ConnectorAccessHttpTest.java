package agento.connectors;

import static agento.connectors.ConnectorSteps.action;
import static agento.connectors.ConnectorSteps.connector;
import static agento.connectors.ConnectorSteps.fields;
import static agento.connectors.ConnectorSteps.variable;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeRemoteApi;
import agento.support.Accounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Another person's connectors, actions and variables answer 404 for every route and method, fragments included. */
class ConnectorAccessHttpTest {
    private static FakeRemoteApi api;
    private static TestApp app;
    private static WebClient alice;
    private static WebClient bob;

    @BeforeAll
    static void start() {
        api = new FakeRemoteApi();
        app = TestApp.start(Map.of("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + api.port()), Clock.systemUTC());
        alice = Accounts.admin(app, "alice@example.com");
        bob = Accounts.user(app, alice, "bob@example.com");
    }

    @AfterAll
    static void stop() {
        app.close();
        api.close();
    }

    @Test
    void bob_gets_404_on_everything_of_alice_and_changes_nothing() {
        variable(alice, "ALICE_KEY", "alice-secret-value-0001");
        long c = connector(alice, fields("name", "Alice API", "baseUrl", api.origin(), "authType", "bearer",
                "token", "{{ALICE_KEY}}"));
        long a = action(alice, c, "GET", "/echo");
        long v = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM connector_variables").mapTo(Long.class).one());
        long bobC = connector(bob, fields("name", "Bob API", "baseUrl", api.origin(), "authType", "none"));
        long bobA = action(bob, bobC, "GET", "/echo");
        String ca = "/connectors/" + c + "/actions/" + a;
        List<String> gets = List.of("/connectors/" + c, "/connectors/" + c + "/edit", "/connectors/" + c + "/delete",
                ca, ca + "/edit", ca + "/delete", "/connectors/" + bobC + "/actions/" + a,
                "/connectors/" + c + "/actions/" + bobA, "/connectors/x", "/connectors/-1/actions/0");
        List<String> posts = List.of("/connectors/" + c, "/connectors/" + c + "/delete", "/connectors/" + c + "/actions",
                ca, ca + "/delete", ca + "/test", "/connectors/" + bobC + "/actions/" + a + "/test",
                "/connectors/" + bobC + "/actions/" + a + "/delete", "/connectors/variables/" + v,
                "/connectors/variables/" + v + "/delete", "/connectors/variables/abc");
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("HX-Request", "true"))) {
            for (String path : gets) {
                assertThat(bob.get(path, headers).status()).as("GET " + path + " " + headers).isEqualTo(404);
            }
            for (String path : posts) {
                Map<String, String> form = fields("_csrf", bob.csrfToken(), "name", "Hijack", "baseUrl", api.origin(),
                        "authType", "none", "method", "GET", "path", "/echo", "value", "bob-value-0002");
                assertThat(bob.postRaw(path, form, headers).status()).as("POST " + path + " " + headers).isEqualTo(404);
            }
        }
        assertThat(bob.get("/connectors").body()).contains("Bob API").doesNotContain("Alice API");
        assertThat(bob.get("/connectors/variables").body()).doesNotContain("ALICE_KEY");
        assertThat(alice.get("/connectors/" + c).body()).contains("Alice API").contains("/echo");
        assertThat(app.count("SELECT COUNT(*) FROM connector_variables")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM action_runs")).isZero();
        assertThat(api.requestCount()).isZero();
    }
}
