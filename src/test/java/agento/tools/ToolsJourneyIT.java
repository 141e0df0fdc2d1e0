package agento.tools;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * "Connect, attach the OpenAI connector's List models action, ask 'Which models can I use?', see the tool call and
 * the answer", in headless Chromium. The fake OpenAI on 127.0.0.1 is both the model and the API the connector calls
 * (its OpenAI template points at AGENTO_OPENAI_API_BASE), reached through AGENTO_CONNECTOR_ALLOWED_HOSTS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolsJourneyIT {
    static final String KEY = "sk-proj-ToolsJourneyKey0123456789Q7vZ";
    static final AgentoFixture agento = AgentoFixture.withOpenAi(api -> api.acceptKey(KEY)).onTheSystemClock();

    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(agento.withEnv("AGENTO_CONNECTOR_ALLOWED_HOSTS",
            "127.0.0.1:" + agento.fakes().api.port()));
    private final Browser browser = fixture.browser();
    private final FakeResponsesApi model = agento.fakes().api.responses();

    private WebElement toolCall() {
        return browser.waiting(Duration.ofSeconds(20)).withMessage("a finished tool call in the conversation")
                .until(d -> d.findElements(By.cssSelector("li.message .tool-call.succeeded")).stream()
                        .filter(WebElement::isDisplayed).reduce((a, b) -> b).orElse(null));
    }

    private void answersFromTheToolResult() {
        model.callTool("openai_list_models", "{}", "Let me check.").deltaDelay(Duration.ofMillis(30))
                .replyToToolWith(out -> out.contains("gpt-4o-mini") ? "You can use gpt-5.2 and gpt-4o-mini."
                        : "I could not find out.");
    }

    @Test
    @Order(1)
    void attach_list_models_ask_which_models_and_see_the_call_folded_and_the_answer() {
        browser.open("/");
        browser.createFirstAdmin();
        browser.click("Connectors").click("OpenAI").waitForText("New connector");
        browser.fill("OPENAI_API_KEY", KEY).click("Save connector").waitForText("New action");
        browser.openSettingsOfNewAgent("Researcher");
        browser.fill("API Key", KEY).click("Save");
        browser.waitForIndicator("green", "Connected");
        WebElement tick = browser.waitFor(By.cssSelector("#tools input[id^='tool-']"));
        assertThat(browser.driver().findElement(By.cssSelector("label[for='" + tick.getAttribute("id") + "']"))
                .getText()).isEqualTo("List models \u00b7 OpenAI");
        tick.click();
        browser.click("Save tools").waitForText("Tools saved: this agent may use 1 tool.");
        browser.click("Overview").waitForText("Tokens this month");
        browser.click("Start").waitForText("Running");
        answersFromTheToolResult();

        browser.click("Chat").fill("Message", "Which models can I use?").click("Send");

        browser.waiting(Duration.ofSeconds(20)).withMessage("the call while the reply streams")
                .until(d -> toolCall().getText().contains("HTTP 200"));
        browser.waitForText("You can use gpt-5.2 and gpt-4o-mini.");
        browser.waiting(Duration.ofSeconds(10)).withMessage("the reply loaded whole")
                .until(d -> d.findElements(By.cssSelector("li.message [sse-connect]")).isEmpty());
        WebElement call = toolCall();
        assertThat(call.getText()).contains("List models \u00b7 OpenAI").contains("HTTP 200").containsPattern("\\d+ ms");
        assertThat(call.findElement(By.cssSelector("details pre")).isDisplayed()).as("the result is folded away")
                .isFalse();
        call.findElement(By.tagName("summary")).click();
        assertThat(call.findElement(By.cssSelector("details pre")).getText()).contains("\"gpt-4o-mini\"");
        String page = browser.text();
        assertThat(page.indexOf("Let me check.")).isLessThan(page.indexOf("List models \u00b7 OpenAI", 
                page.indexOf("Which models can I use?")));
        assertThat(browser.source()).doesNotContain(KEY);
        browser.driver().navigate().refresh();
        browser.waitForText("You can use gpt-5.2 and gpt-4o-mini.");
        assertThat(toolCall().getText()).contains("HTTP 200");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void ask_before_running_pauses_the_reply_until_allow() {
        browser.click("Settings").waitForText("Tool calls per reply");
        WebElement ask = browser.waitFor(By.cssSelector("#tools input[id^='ask-']"));
        ask.click();
        browser.click("Save tools").waitForText("Tools saved");
        answersFromTheToolResult();

        browser.click("Chat").fill("Message", "And now?").click("Send");

        browser.waitForText("Waiting for you");
        browser.click("Allow");
        browser.waiting(Duration.ofSeconds(20)).withMessage("the reply after Allow")
                .until(d -> d.findElements(By.cssSelector(".markdown")).stream()
                        .anyMatch(e -> e.getText().contains("You can use gpt-5.2 and gpt-4o-mini.")
                                && e.findElements(By.xpath("ancestor::li[.//*[contains(., 'And now?')]]")).isEmpty()));
        browser.waiting(Duration.ofSeconds(20)).until(d -> d.findElements(By.xpath(
                "//li[contains(@class,'from-agent')][last()]//*[contains(@class,'tool-call') and contains(@class,"
                        + "'succeeded')]")).size() == 1);
        assertThat(browser.text()).doesNotContain("Waiting for you");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
