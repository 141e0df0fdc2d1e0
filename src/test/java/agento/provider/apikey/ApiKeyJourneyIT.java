package agento.provider.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Option B in headless Chromium: paste an OpenAI API key, see Connected, change the model, test, remove. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeyJourneyIT {
    static final String KEY = "sk-proj-JourneyKeyForSelenium0123456789Q7vZ";
    static final String HINT = "sk-proj-\u2026Q7vZ";

    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)));
    private final FakeOpenAiApi openAi = fixture.agento().openAiApi();
    private final TestApp app = fixture.agento().app();
    private final Browser browser = fixture.browser();

    // --- helpers ----------------------------------------------------------------------------------------------

    private WebDriver driver() {
        return browser.driver();
    }

    private void saveKey(String key) {
        browser.fill("API Key", key).click("Save");
    }

    private String fieldError() {
        return browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key-error")))
                .getText();
    }

    private void reload() {
        driver().navigate().refresh();
        browser.waitForText("AI Provider");
    }

    /** This agent's line of the dashboard, as the person sees it. */
    private String dashboardRow(String agentName) {
        browser.open("/").waitForText(agentName);
        return driver().findElement(By.xpath("//li[contains(@class,'agent-row')][.//a[normalize-space(.)='"
                + agentName + "']]")).getText();
    }

    private void assertKeyNowhereInThePage() {
        String source = driver().getPageSource();
        assertThat(source).doesNotContain(KEY).doesNotContain(KEY.substring(0, KEY.length() - 4))
                .doesNotContain("JourneyKeyForSelenium");
        for (WebElement input : driver().findElements(By.tagName("input"))) {
            assertThat(input.getDomProperty("value")).as("input %s", input.getDomAttribute("name")).doesNotContain(KEY);
        }
    }

    private byte[] storedCiphertext() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM secrets WHERE owner_kind = 'agent' "
                + "AND name = 'openai_api_key'").mapTo(byte[].class).one());
    }

    // --- the journey ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void paste_a_key_see_connected_change_the_model_test_and_remove_it() {
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/setup");
        browser.createFirstAdmin();
        browser.openSettingsOfNewAgent("Key journey");
        assertThat(browser.field("Provider").getText()).contains("OpenAI");

        int calls = openAi.requestCount("/v1/models");
        saveKey("  " + KEY + " ");
        browser.waitForIndicator("green", "Connected");
        assertThat(driver().findElement(By.id("connection-via")).getText()).isEqualTo("via API key " + HINT);
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls + 1);
        assertThat(openAi.lastHeader("Authorization")).as("the trimmed key was checked").isEqualTo("Bearer " + KEY);
        assertKeyNowhereInThePage();

        reload();
        browser.waitForIndicator("green", "Connected");
        assertThat(driver().findElement(By.id("connection-via")).getText()).isEqualTo("via API key " + HINT);
        assertThat(browser.source()).contains(HINT);
        assertKeyNowhereInThePage();
        assertThat(browser.field("API Key").getDomAttribute("placeholder")).isEqualTo(HINT + " (saved)");
        assertThat(new Select(browser.field("Model")).getFirstSelectedOption().getText()).as("default model")
                .isEqualTo("GPT-5.2");

        String settingsPath = browser.path();
        assertThat(dashboardRow("Key journey")).contains("OpenAI \u00b7 API key");
        browser.open(settingsPath).waitForText("AI Provider");

        int callsBeforeModel = openAi.requestCount("/v1/models");
        byte[] ciphertextBeforeModel = storedCiphertext();
        new Select(browser.field("Model")).selectByVisibleText("GPT-4.1");
        browser.waiting(Duration.ofSeconds(15)).until(d -> driver().findElement(By.id("activity")).getText()
                .contains("Model changed to GPT-4.1."));
        assertThat(openAi.requestCount("/v1/models")).as("a model change does not touch the key")
                .isEqualTo(callsBeforeModel);
        assertThat(storedCiphertext()).as("the stored key is untouched by a model change").isEqualTo(ciphertextBeforeModel);
        reload();
        assertThat(new Select(browser.field("Model")).getFirstSelectedOption().getText()).isEqualTo("GPT-4.1");
        browser.waitForIndicator("green", "Connected");
        assertThat(driver().findElement(By.id("connection-via")).getText()).isEqualTo("via API key " + HINT);

        int callsBeforeTest = openAi.requestCount("/v1/models");
        browser.click("Test connection").waitForText("Checked with OpenAI.");
        browser.waitForIndicator("green", "Connected");
        assertThat(browser.text()).contains("Last verified");
        assertThat(driver().findElement(By.id("last-verified")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(driver().findElement(By.id("activity")).getText()).contains("Test connection: verified with OpenAI.");
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(callsBeforeTest + 1);
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + KEY);

        browser.click("Remove Key").waitForText("Remove the saved API key?");
        browser.waitForIndicator("green", "Connected");
        browser.click("Remove Key");
        browser.waitForIndicator("grey", "Not connected");
        assertThat(driver().findElements(By.id("connection-via"))).isEmpty();
        assertThat(driver().findElement(By.id("activity")).getText()).contains("API key removed.");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'agent'")).isZero();

        assertThat(dashboardRow("Key journey")).contains("No AI provider").doesNotContain("OpenAI \u00b7 API key");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void a_key_without_sk_shows_the_hint_next_to_the_field() {
        browser.openSettingsOfNewAgent("Not a key");
        int calls = openAi.requestCount("/v1/models");
        saveKey("pk-live-0123456789abcdef");
        assertThat(fieldError()).isEqualTo("That doesn't look like an OpenAI API key: it should start with sk-");
        WebElement field = browser.field("API Key");
        assertThat(field.findElement(By.xpath("..")).findElement(By.id("api-key-error")).isDisplayed())
                .as("the message sits next to the field").isTrue();
        assertThat(field.getDomAttribute("aria-describedby")).contains("api-key-error");
        browser.waitForIndicator("grey", "Not connected");
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void a_wrong_key_shows_the_credential_error() {
        browser.openSettingsOfNewAgent("Wrong key");
        saveKey("sk-proj-ThisKeyIsNotKnownToOpenAi0000WrNg");
        assertThat(fieldError()).isEqualTo("credential error: OpenAI rejected this key \u2014 check that you copied "
                + "all of it, including the sk- prefix");
        browser.waitForIndicator("grey", "Not connected");
        assertThat(browser.source()).doesNotContain("ThisKeyIsNotKnownToOpenAi");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(4)
    void no_quota_shows_connected_with_the_billing_warning() {
        browser.openSettingsOfNewAgent("No quota");
        openAi.mode(FakeOpenAiApi.Mode.QUOTA_EXCEEDED);
        saveKey(KEY);
        browser.waitForIndicator("green", "Connected");
        assertThat(driver().findElement(By.cssSelector("#connection-card .alert.warning")).getText())
                .contains("no billing set up or no quota left");
        assertKeyNowhereInThePage();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(5)
    void an_unreachable_provider_shows_unverified_and_check_again_turns_it_green() {
        browser.openSettingsOfNewAgent("Provider down");
        openAi.mode(FakeOpenAiApi.Mode.SERVER_ERROR);
        saveKey(KEY);
        browser.waitForIndicator("amber", "Unverified \u2014 couldn't reach OpenAI");
        assertThat(browser.text()).contains("Check again").doesNotContain("Last verified");

        openAi.mode(FakeOpenAiApi.Mode.OK);
        browser.click("Check again");
        browser.waitForIndicator("green", "Connected");
        assertThat(browser.text()).contains("Last verified").contains("Test connection");
        assertKeyNowhereInThePage();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    // --- how long a Save takes against the fake ----------------------------------------------------------------

    @Test
    @Order(6)
    void how_long_a_save_takes() {
        browser.openSettingsOfNewAgent("Timing");
        List<Long> browserMillis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WebElement card = driver().findElement(By.id("connection-card"));
            browser.fill("API Key", KEY);
            WebElement save = driver().findElement(By.xpath("//button[normalize-space(.)='Save']"));
            long started = System.nanoTime();
            save.click();
            browser.waiting(Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(card));
            browser.waiting(Duration.ofSeconds(15)).until(d -> Browser.hasClass(browser.indicator(), "green"));
            browserMillis.add((System.nanoTime() - started) / 1_000_000);
        }

        WebClient client = new WebClient(app);
        assertThat(client.signIn(Accounts.OWNER, Accounts.PASSWORD).status()).isEqualTo(303);
        long agent = Accounts.agent(client, "Timing over HTTP");
        String path = "/agents/" + agent + "/connection/api-key";
        for (int i = 0; i < 2; i++) { // warm-up, not counted
            assertThat(client.htmxPost(path, Map.of("apiKey", KEY)).status()).isEqualTo(200);
        }
        List<Long> httpMicros = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = client.csrfToken();
            long started = System.nanoTime();
            WebClient.Response r = client.postRaw(path, Map.of("apiKey", KEY, "_csrf", token), Map.of("HX-Request", "true"));
            httpMicros.add((System.nanoTime() - started) / 1_000);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains(">Connected<");
        }

        String report = String.format("SAVE TIMING against the fake: browser click->green (n=%d) median %d ms, "
                        + "p95 %d ms, all %s ms; HTTP POST (n=%d, after 2 warm-up) median %.1f ms, p95 %.1f ms, "
                        + "min %.1f ms, max %.1f ms",
                browserMillis.size(), percentile(browserMillis, 50), percentile(browserMillis, 95), browserMillis,
                httpMicros.size(), percentile(httpMicros, 50) / 1000.0, percentile(httpMicros, 95) / 1000.0,
                httpMicros.stream().mapToLong(Long::longValue).min().orElseThrow() / 1000.0,
                httpMicros.stream().mapToLong(Long::longValue).max().orElseThrow() / 1000.0);
        System.out.println(report);
        System.err.println(report);
        assertThat(percentile(httpMicros, 50)).as("median HTTP save, µs").isLessThan(2_000_000);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
