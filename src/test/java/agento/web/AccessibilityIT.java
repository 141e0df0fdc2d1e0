package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.connectors.ConnectorSteps;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import agento.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core (pinned by the pom, its default rules: WCAG 2 A/AA and best practices) on every page a person sees, at
 * phone (390 px) and desktop (1280 px) width: zero violations.
 */
class AccessibilityIT {
    static final String KEY = "sk-proj-AccessibilityKey0123456789AbCdEf";
    static final int[] WIDTHS = {390, 1280};

    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY))
            .withAlice());
    private static final Map<String, String> pages = new LinkedHashMap<>();
    private final Browser browser = fixture.browser();

    /** Alice's things, made over HTTP: a connected agent with a conversation, one not connected, a connector. */
    @BeforeAll
    static void somethingOnEveryPage() {
        WebClient alice = fixture.agento().alice();
        long agent = Accounts.connectAndStart(alice, Accounts.agent(alice, "Research helper"), KEY);
        alice.post("/agents/" + agent + "/chat/messages", Map.of("message", "A weekly report, please"));
        long bare = Accounts.agent(alice, "Not connected yet");
        ConnectorSteps.variable(alice, "WEATHER_KEY", "weather-secret-value");
        long signingIn = Accounts.agent(alice, "Signing in");
        alice.post("/agents/" + signingIn + "/oauth/start", Map.of("mode", "redirect"));
        long connector = ConnectorSteps.connector(alice, ConnectorSteps.fields("name", "Weather", "baseUrl",
                "https://api.example.com", "authType", "none"));
        long action = ConnectorSteps.action(alice, connector, "GET", "/v1/forecast", "name", "Forecast");
        pages.put("dashboard", "/");
        pages.put("new agent", "/agents/new");
        pages.put("overview", "/agents/" + agent);
        pages.put("settings (connected)", "/agents/" + agent + "/settings");
        pages.put("settings (not connected)", "/agents/" + bare + "/settings");
        pages.put("settings (waiting for OpenAI)", "/agents/" + signingIn + "/settings");
        pages.put("chat", "/agents/" + agent + "/chat");
        pages.put("connectors", "/connectors");
        pages.put("new connector", "/connectors/new");
        pages.put("connector", "/connectors/" + connector);
        pages.put("action", "/connectors/" + connector + "/actions/" + action);
        pages.put("variables", "/connectors/variables");
        pages.put("account", "/account");
        pages.put("users", "/admin/users");
    }

    @Test
    void every_page_has_no_axe_violations_at_phone_and_desktop_width() {
        List<String> violations = new ArrayList<>();
        for (int width : WIDTHS) {
            resize(width);
            browser.open("/login");
            violations.addAll(axe("login", width));
        }
        browser.open("/login").fill("Email", AgentoFixture.ALICE).fill("Password", Accounts.PASSWORD).click("Log in");
        browser.waitForText("Research helper");
        for (int width : WIDTHS) {
            resize(width);
            pages.forEach((name, path) -> {
                browser.open(path);
                violations.addAll(axe(name, width));
            });
        }
        assertThat(violations).as("axe violations").isEmpty();
    }

    private void resize(int width) {
        browser.driver().manage().window().setSize(new Dimension(width, 900));
    }

    /** Runs axe on the page shown; one line per violation: page, width, rule, impact, where. */
    private List<String> axe(String page, int width) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        js.executeScript(AXE_SOURCE);
        assertThat(js.executeScript("return axe.version")).asString().startsWith("4.10.");
        String json = (String) js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] })"
                + ".then(function (r) { done(JSON.stringify(r.violations)); }, function (e) { done('ERROR ' + e); });");
        assertThat(json).as("axe ran on %s", page).doesNotStartWith("ERROR");
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode v : new ObjectMapper().readTree(json)) {
                List<String> where = new ArrayList<>();
                v.get("nodes").forEach(n -> where.add(n.get("target").toString() + " " + n.path("failureSummary")
                        .asText().replace('\n', ' ')));
                found.add(page + " @" + width + "px: " + v.get("id").asText() + " (" + v.get("impact").asText() + ") "
                        + v.get("help").asText() + " → " + where);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static final String AXE_SOURCE = axeSource();

    private static String axeSource() {
        try (InputStream in = AccessibilityIT.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
