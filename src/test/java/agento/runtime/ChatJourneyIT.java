package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import agento.support.OpenAiFakes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** "Start your agent. Send a test message through web chat. If the agent responds, OpenAI is connected." */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatJourneyIT {
    static final String KEY = "sk-proj-ChatJourneyKey0123456789Q7vZ";
    static final String NO_QUOTA_KEY = "sk-proj-NoBillingJourneyKey0123456789Zz";
    static final String LONG_REPLY = "Hello! I am your agent and I answer **word by word**, so you can watch this "
            + "reply grow while it streams in from the model, one small piece after another.";

    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAi(
            api -> api.acceptKey(KEY).acceptKey(NO_QUOTA_KEY)).onTheSystemClock());
    private final Browser browser = fixture.browser();
    private final OpenAiFakes fakes = fixture.agento().fakes();
    private final FakeResponsesApi responses = fakes.api.responses();

    private void newAgentConnectedByKey(String name, String key) {
        browser.openSettingsOfNewAgent(name);
        browser.fill("API Key", key).click("Save");
        browser.waitForIndicator("green", "Connected");
    }

    private void startFromOverview() {
        browser.click("Overview").waitForText("Tokens this month");
        browser.click("Start").waitForText("Running");
    }

    private WebElement lastReply() {
        List<WebElement> replies = browser.driver().findElements(By.cssSelector("li.message.from-agent .content"));
        return replies.isEmpty() ? null : replies.get(replies.size() - 1);
    }

    private void sendInChat(String text) {
        browser.click("Chat").fill("Message", text).click("Send");
    }

    @Test
    @Order(1)
    void connect_by_key_start_send_hello_and_watch_the_reply_grow_then_reload_keeps_it() {
        browser.open("/");
        browser.createFirstAdmin();
        newAgentConnectedByKey("Greeter", KEY);
        startFromOverview();
        responses.replyWith(text -> LONG_REPLY).deltaDelay(Duration.ofMillis(60));

        sendInChat("Hello");

        String partial = browser.waiting(Duration.ofSeconds(10)).withMessage("a part of the reply, before all of it")
                .until(d -> {
                    WebElement reply = lastReply();
                    String text = reply == null ? "" : reply.getText();
                    return text.length() > 5 && text.length() < 60 ? text : null;
                });
        assertThat(LONG_REPLY.replace("**", "")).startsWith(partial.strip());
        browser.waiting(Duration.ofSeconds(20)).withMessage("the whole reply, rendered as Markdown")
                .until(d -> !d.findElements(By.cssSelector(".markdown strong")).isEmpty());
        assertThat(lastReply().getText()).isEqualTo(LONG_REPLY.replace("**", ""));
        assertThat(browser.field("Message").getAttribute("value")).isEmpty();

        browser.driver().navigate().refresh();
        browser.waitForText("one small piece after another");
        assertThat(browser.text()).contains("Hello").contains("GPT-5.2").contains("out tokens");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void sign_in_with_openai_start_and_the_reply_comes_through_the_chatgpt_backend() {
        browser.openSettingsOfNewAgent("Signed in");
        browser.allowInPopup("Sign in with OpenAI").waitForIndicator("green", "Connected");
        startFromOverview();

        sendInChat("Hi from ChatGPT");

        browser.waitForText("You said: Hi from ChatGPT");
        FakeResponsesApi.Received request = responses.lastRequest();
        assertThat(request.path()).isEqualTo("/backend-api/codex/responses");
        assertThat(request.header("ChatGPT-Account-Id")).isEqualTo(fakes.auth.accountId());
        assertThat(request.header("originator")).isEqualTo("agento");
        assertThat(request.body().get("instructions").asText()).isNotBlank();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void start_is_refused_for_a_key_without_billing_with_the_billing_message() {
        fakes.api.mode(agento.fakes.FakeOpenAiApi.Mode.QUOTA_EXCEEDED);
        browser.openSettingsOfNewAgent("No billing");
        browser.fill("API Key", NO_QUOTA_KEY).click("Save");
        browser.waitForIndicator("green", "Connected");

        browser.click("Overview").waitForText("Tokens this month").click("Start");

        browser.waitForText("OpenAI says this account has no billing or quota set up. Add a payment method at "
                + "platform.openai.com \u2192 Billing, then Start again.");
        assertThat(browser.driver().findElement(By.id("agent-status")).getText()).isEqualTo("Stopped");
        browser.click("Chat").waitForText("This agent is stopped");
        assertThat(browser.text()).contains("no billing or quota set up");
    }

    @Test
    @Order(4)
    void stop_generating_closes_the_request_and_keeps_what_arrived() {
        browser.open("/").waitForText("Greeter");
        browser.driver().findElement(By.linkText("Greeter")).click();
        responses.replyWith(text -> "word ".repeat(200)).deltaDelay(Duration.ofMillis(100));
        int closedBefore = responses.streamsClosedByClient();

        sendInChat("Talk for a long time");
        browser.waiting(Duration.ofSeconds(10)).until(d -> lastReply() != null && lastReply().getText().length() > 10);
        browser.click("Stop generating");

        browser.waiting(Duration.ofSeconds(10)).withMessage("the reply ends, marked Stopped")
                .until(d -> !d.findElements(By.xpath("//li[contains(@class,'from-agent')]//span[.='Stopped']")).isEmpty());
        assertThat(lastReply().getText()).startsWith("word word");
        browser.waiting(Duration.ofSeconds(5)).until(d -> responses.streamsClosedByClient() > closedBefore);
    }

    @Test
    @Order(5)
    void without_javascript_send_posts_the_form_and_the_page_comes_back_with_the_whole_reply() {
        try (Browser plain = new Browser(fixture.agento().app(), false)) {
            plain.open("/login").fill("Email", Accounts.OWNER).fill("Password", Accounts.PASSWORD).click("Log in");
            plain.waitForText("Greeter");
            plain.driver().findElement(By.linkText("Greeter")).click();
            responses.replyWith(text -> "Plain answer to: " + text).deltaDelay(Duration.ofMillis(5));

            plain.click("Chat").fill("Message", "No scripts here").click("Send");

            plain.waitForText("Plain answer to: No scripts here");
            assertThat(plain.driver().getCurrentUrl()).contains("/chat?c=");
        }
    }
}
