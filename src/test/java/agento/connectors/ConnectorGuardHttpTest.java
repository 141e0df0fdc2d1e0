package agento.connectors;

import static agento.connectors.ConnectorSteps.action;
import static agento.connectors.ConnectorSteps.fields;
import static agento.connectors.ConnectorSteps.test;
import static org.assertj.core.api.Assertions.assertThat;

import agento.connectors.guard.AddressForms;
import agento.fakes.FakeRemoteApi;
import agento.support.Accounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without AGENTO_CONNECTOR_ALLOWED_HOSTS, no spelling of a local address reaches the fake: refused at save or at Test. */
class ConnectorGuardHttpTest {
    private static FakeRemoteApi api;
    private static TestApp app;
    private static WebClient alice;

    @BeforeAll
    static void start() {
        api = new FakeRemoteApi();
        app = TestApp.start(Map.of(), Clock.systemUTC());
        alice = Accounts.admin(app, "alice@example.com");
    }

    @AfterAll
    static void stop() {
        app.close();
        api.close();
    }

    @Test
    void every_local_address_form_is_blocked_and_the_fake_sees_nothing() {
        List<String> blockedAtTest = new ArrayList<>();
        List<String> refusedAtSave = new ArrayList<>();
        int n = 0;
        for (String form : AddressForms.blocked(api.port())) {
            if (form.contains(".test")) {
                continue; // those names need a fake DNS (ConnectorGuardTest); the app would ask the real one
            }
            URI uri = URI.create(form);
            String base = uri.getScheme() + "://" + uri.getRawAuthority();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            WebClient.Response saved = alice.post("/connectors", fields("name", "Form " + n++, "baseUrl", base,
                    "authType", "none"));
            if ("/connectors/new".equals(saved.location())) {
                assertThat(alice.follow(saved).body()).contains("id=\"connector-base-url-error\"");
                refusedAtSave.add(form);
                continue;
            }
            assertThat(saved.status()).as(form).isEqualTo(303);
            long c = Long.parseLong(saved.location().replaceAll(".*/connectors/", ""));
            WebClient.Response r = test(alice, c, action(alice, c, "GET", path));
            assertThat(r.body()).as(form).contains("Blocked: ").contains("AGENTO_CONNECTOR_ALLOWED_HOSTS");
            blockedAtTest.add(form);
        }
        assertThat(blockedAtTest.size() + refusedAtSave.size()).isGreaterThanOrEqualTo(30);
        assertThat(api.requestCount()).isZero();
        System.out.println("GUARD over HTTP: " + blockedAtTest.size() + " forms blocked at Test, " + refusedAtSave.size()
                + " refused at save " + refusedAtSave + "; the fake saw " + api.requestCount() + " requests");
    }
}
