package agento.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeRemoteApi;
import agento.support.Browser;
import agento.support.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The connector guide in headless Chromium, word for word, with one substitution: the fake OpenAI on 127.0.0.1
 * stands where the guide says https://api.openai.com (tests never leave the machine), reached through
 * AGENTO_CONNECTOR_ALLOWED_HOSTS; the OpenAI template points at it through AGENTO_OPENAI_API_BASE.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorsJourneyIT {
    static final String KEY = "sk-proj-ConnectorJourneyKey0123456789Q7vZ";
    static final String WRONG_KEY = "sk-proj-WrongJourneyKey00000000000000Xx1";
    private static FakeRemoteApi openAi;
    private static TestApp app;
    private static Browser browser;

    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.saveEvidence("ConnectorsJourneyIT-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void start() {
        openAi = new FakeRemoteApi().acceptKey(KEY);
        app = TestApp.start(Map.of("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + openAi.port(),
                "AGENTO_OPENAI_API_BASE", openAi.origin() + "/v1"), Clock.systemUTC());
        browser = new Browser(app);
        browser.open("/");
        browser.createFirstAdmin();
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
        openAi.close();
    }

    private static void choose(String label, String option) {
        new Select(browser.field(label)).selectByVisibleText(option);
    }

    private static String byId(String id) {
        return browser.waitFor(By.id(id)).getText();
    }

    private static void testAndExpect(String outcome) {
        browser.click("Test");
        browser.waiting(Duration.ofSeconds(35)).until(d -> byId("run-outcome").equals(outcome));
    }

    private static void assertKeyNowhereInThePage() {
        assertThat(browser.source()).doesNotContain(KEY).doesNotContain("ConnectorJourneyKey");
    }

    @Test
    @Order(1)
    void the_openai_template_asks_for_the_key_and_lists_the_models() {
        browser.click("Connectors").waitForText("You have no connectors yet.");
        browser.click("OpenAI").waitForText("New connector");
        assertThat(browser.field("Base URL").getDomProperty("value")).isEqualTo(openAi.origin());
        assertThat(new Select(browser.field("Auth Config")).getFirstSelectedOption().getText()).isEqualTo("Api Key Auth");
        assertThat(new Select(browser.field("Api Key Auth Auth Type")).getFirstSelectedOption().getText())
                .isEqualTo("Header Auth");
        assertThat(browser.field("Header Auth Key").getDomProperty("value")).isEqualTo("Authorization");
        assertThat(browser.field("Header Auth Value Pattern").getDomProperty("value")).isEqualTo("Bearer %s");
        assertThat(browser.field("Api Key").getDomProperty("value")).isEqualTo("{{OPENAI_API_KEY}}");
        assertThat(browser.field("Action name").getDomProperty("value")).isEqualTo("List models");
        assertThat(browser.field("Path").getDomProperty("value")).isEqualTo("/v1/models");
        assertThat(browser.driver().findElement(By.id("query-name")).isDisplayed()).as("Query Param Auth's field is hidden").isFalse();
        browser.fill("OPENAI_API_KEY", KEY).click("Save connector").waitForText("New action");
        browser.click("List models").waitForText("Recent runs");
        testAndExpect("Successful execution");
        assertThat(byId("run-status")).isEqualTo("200");
        assertThat(byId("run-body")).contains("\"gpt-5.2\"").contains("\"gpt-4o-mini\"");
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertKeyNowhereInThePage();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void the_guide_word_for_word_ends_in_a_successful_execution_with_the_model_list() {
        browser.click("Connectors").waitForText("Start from a template");
        browser.click("New connector").waitForText("Auth Config");
        browser.fill("Base URL", openAi.origin()); // the guide: https://api.openai.com
        choose("Auth Config", "Api Key Auth");
        choose("Api Key Auth Auth Type", "Header Auth");
        browser.fill("Header Auth Key", "Authorization");
        browser.fill("Header Auth Value Pattern", "Bearer %s");
        browser.fill("Api Key", "{{OPENAI_API_KEY}}");
        browser.click("Save connector").waitForText("New action");
        browser.fill("Path", "/v1/models");
        choose("Method", "GET");
        browser.click("Save action").waitForText("Recent runs");
        testAndExpect("Successful execution");
        assertThat(byId("run-body")).contains("\"object\" : \"list\"").contains("\"gpt-5.2\"");
        assertThat(byId("run-url")).isEqualTo(openAi.origin() + "/v1/models");
        assertThat(byId("run-time")).matches("\\d+ ms");
        assertThat(browser.driver().findElement(By.id("runs")).getText()).contains("Successful execution");
        assertKeyNowhereInThePage();
        browser.click("Connectors").waitForText("Successful execution");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void import_from_curl_fills_the_connector_and_its_action() {
        browser.click("Connectors").click("Import from cURL").waitForText("cURL command");
        browser.fill("cURL command", "curl " + openAi.origin() + "/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\"");
        browser.click("Import").waitForText("Imported");
        assertThat(browser.field("Base URL").getDomProperty("value")).isEqualTo(openAi.origin());
        assertThat(browser.field("Path").getDomProperty("value")).isEqualTo("/v1/models");
        assertThat(new Select(browser.field("Method")).getFirstSelectedOption().getText()).isEqualTo("GET");
        assertThat(browser.field("Api Key").getDomProperty("value")).isEqualTo("{{OPENAI_API_KEY}}");
        assertThat(browser.field("Header Auth Value Pattern").getDomProperty("value")).isEqualTo("Bearer %s");
        browser.fill("Name", "Imported OpenAI").click("Save connector").waitForText("New action");
        browser.click("GET /v1/models").waitForText("Recent runs");
        testAndExpect("Successful execution");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(4)
    void a_wrong_key_shows_the_401_message_naming_the_variable() {
        browser.click("Connectors").click("Variables").waitForText("New variable");
        browser.fill("New value for OPENAI_API_KEY", WRONG_KEY);
        browser.driver().findElement(By.xpath("//tr[@id='variable-OPENAI_API_KEY']//button[normalize-space(.)="
                + "'Save value']")).click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> byId("variable-OPENAI_API_KEY").contains("Xx1"));
        browser.click("Connectors").click("Imported OpenAI").click("GET /v1/models").waitForText("Recent runs");
        testAndExpect("The API refused the credentials (HTTP 401): check {{OPENAI_API_KEY}}.");
        assertThat(byId("run-status")).isEqualTo("401");
        assertThat(browser.source()).doesNotContain(WRONG_KEY);
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
