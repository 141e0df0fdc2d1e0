package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiAuth;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import agento.support.OpenAiFakes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Option A in headless Chromium: Sign in with OpenAI in a popup (or the same tab), Deny, switching, Disconnect. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthJourneyIT {
    static final String KEY = "sk-proj-OAuthJourneySwitchKey0123456789W4pX";
    static final String HINT = "sk-proj-\u2026W4pX";
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}");
    static final Pattern REFRESH_TOKEN = Pattern.compile("rt_[A-Za-z0-9_-]{16,}");

    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture
            .on(AgentoFixture.withOpenAi(api -> api.acceptKey(KEY)).onTheSystemClock());
    private final OpenAiFakes fakes = fixture.agento().fakes();
    private final Browser browser = fixture.browser();
    private static String mainWindow;
    /** Every page the main window showed at a checkpoint, and every console error, checked at the end. */
    private static final List<String> sources = new ArrayList<>();
    private static final List<String> consoleErrors = new ArrayList<>();
    private static final List<Long> popupMillis = new ArrayList<>();
    /** Product defects seen along the way that do not stop the journey; reported by the last test. */
    private static final List<String> problems = new ArrayList<>();

    @AfterAll
    static void report() {
        if (!popupMillis.isEmpty()) {
            System.out.println("OAuthJourneyIT popup flow times (ms): " + popupMillis);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private WebDriver driver() {
        return browser.driver();
    }



    private String via() {
        List<WebElement> via = driver().findElements(By.id("connection-via"));
        return via.isEmpty() ? "" : via.get(0).getText();
    }



    private boolean hasButton(String text) {
        return !driver().findElements(By.xpath("//button[normalize-space(.)='" + text + "']")).isEmpty();
    }

    private String selectedModel() {
        return new Select(browser.field("Model")).getFirstSelectedOption().getText();
    }

    /** Creates an agent through the UI and opens its Settings tab, not connected. */
    private void newAgentSettings(String name) {
        browser.openSettingsOfNewAgent(name);
        mainWindow = driver().getWindowHandle();
    }

    /** Waits for the sign-in popup, switches to it, and waits for the fake's consent page. */
    private void switchToPopup() {
        browser.waiting(Duration.ofSeconds(10)).withMessage("a popup window opens")
                .until(d -> d.getWindowHandles().size() == 2);
        String popup = driver().getWindowHandles().stream().filter(h -> !h.equals(mainWindow)).findFirst().orElseThrow();
        driver().switchTo().window(popup);
        browser.waiting(Duration.ofSeconds(10)).withMessage(() -> "popup at the fake's authorize page, is at " + driver().getCurrentUrl())
                .until(d -> d.getCurrentUrl().startsWith(fakes.auth.authorizeUrl()));
        browser.waitFor(By.id("allow"));
        assertThat(driver().findElement(By.id("account-email")).getText()).isEqualTo(fakes.auth.email());
    }

    /** Clicks Allow or Deny in the popup, waits until it closed itself, and returns to the Settings tab. */
    private void decideInPopupAndWaitForItToClose(String buttonId) {
        try {
            driver().findElement(By.id(buttonId)).click();
        } catch (NoSuchWindowException closedWhileClicking) {
            // the popup may close itself before the click command returns
        }
        driver().switchTo().window(mainWindow);
        browser.waiting(Duration.ofSeconds(10)).withMessage("the popup closes itself")
                .until(d -> d.getWindowHandles().size() == 1);
    }

    /** Sign in → popup → Allow → popup closes → green Connected in the Settings tab, no reload; returns ms. */
    private long signInThroughPopup(String button) {
        int windows = driver().getWindowHandles().size();
        assertThat(windows).isEqualTo(1);
        long started = System.nanoTime();
        browser.click(button);
        switchToPopup();
        decideInPopupAndWaitForItToClose("allow");
        browser.waitForIndicator("green", "Connected");
        long millis = (System.nanoTime() - started) / 1_000_000;
        popupMillis.add(millis);
        System.out.println("popup flow took " + millis + " ms");
        assertThat(via()).isEqualTo("via OpenAI account " + fakes.auth.email() + " (Plus)");
        settleAfterPopup(browser.indicator());
        return millis;
    }

    /**
     * Once the green card is shown the person may click at once; the card must not be swapped again behind
     * their back (a late re-render drops the answer to a click made meanwhile: seen as Disconnect done on the
     * server while the card stays green). Waits longer than the popup watcher's 500 ms tick, then checks.
     */
    private void settleAfterPopup(WebElement shown) {
        try {
            Thread.sleep(1200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (isStale(shown)) {
            problems.add("the card was re-rendered again ~0.5 s after the popup had already reported success "
                    + "(oauth-popup.js: the closed-window watcher refreshes a second time)");
        }
    }

    private boolean isStale(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    private void assertConnectedByOAuth() {
        browser.waitForIndicator("green", "Connected");
        assertThat(via()).isEqualTo("via OpenAI account " + fakes.auth.email() + " (Plus)");
        assertThat(browser.field("Model").isDisplayed()).isTrue();
        assertThat(hasButton("Disconnect")).as("Disconnect button").isTrue();
        assertThat(hasButton("Use API Key Instead")).as("Use API Key Instead button").isTrue();
        assertThat(driver().findElements(By.id("authorization-failed"))).isEmpty();
    }

    /** Disconnect asks first, as Remove Key does: the same button again confirms. */
    private void disconnect() {
        browser.click("Disconnect").waitForText("Disconnect from OpenAI?");
        browser.click("Disconnect");
        browser.waitForIndicator("grey", "Not connected");
    }

    /** Keeps this page's source and the console errors so far for the final checks. */
    private void checkpoint() {
        sources.add(driver().getPageSource());
        consoleErrors.addAll(browser.consoleErrors());
        int providerSelects = driver().findElements(By.id("provider")).size();
        int cards = driver().findElements(By.id("connection-card")).size();
        int activityLists = driver().findElements(By.id("activity")).size();
        if (providerSelects != 1 || cards != 1 || activityLists > 1) {
            problems.add("at " + driver().getCurrentUrl() + ": " + providerSelects + " Provider selects, " + cards
                    + " connection cards, " + activityLists + " Activity lists (expected 1, 1, at most 1)");
        }
    }

    private static boolean marked(String token) {
        return token != null && !token.isEmpty();
    }

    // --- the journey ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void sign_in_in_a_popup_and_the_settings_tab_turns_green_by_itself_three_times() {
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/setup");
        browser.createFirstAdmin();
        newAgentSettings("Popup journey");
        String settingsUrl = browser.url();
        assertThat(browser.text()).contains("Sign in with OpenAI (recommended)");

        for (int round = 1; round <= 3; round++) {
            int revocations = fakes.auth.revocations().size();
            int codeExchanges = fakes.auth.tokenRequests("authorization_code");
            signInThroughPopup("Sign in with OpenAI");
            assertConnectedByOAuth();
            assertThat(browser.url()).as("the Settings tab was not reloaded or left").isEqualTo(settingsUrl);
            assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(codeExchanges + 1);
            checkpoint();

            disconnect();
            assertThat(hasButton("Sign in with OpenAI")).isTrue();
            assertThat(fakes.auth.revocations()).hasSize(revocations + 1);
            checkpoint();
        }
    }

    @Test
    @Order(2)
    void deny_in_the_popup_shows_authorization_failed_with_try_again_and_connects_nothing() {
        int codeExchanges = fakes.auth.tokenRequests("authorization_code");
        browser.click("Sign in with OpenAI");
        switchToPopup();
        decideInPopupAndWaitForItToClose("deny");

        WebElement failed = browser.waiting(Duration.ofSeconds(15)).withMessage("Authorization failed in the Settings tab")
                .until(d -> d.findElement(By.id("authorization-failed")));
        assertThat(failed.getText()).contains("Authorization failed")
                .contains("You clicked Deny on OpenAI's page, so Agento was not connected.");
        assertThat(hasButton("Try again")).as("Try again button").isTrue();
        browser.waitForIndicator("grey", "Not connected");
        settleAfterPopup(failed);
        assertThat(driver().findElements(By.id("model"))).isEmpty();
        assertThat(hasButton("Disconnect")).isFalse();
        assertThat(fakes.auth.tokenRequests("authorization_code")).as("no code exchange after Deny")
                .isEqualTo(codeExchanges);
        checkpoint();

        // Try again runs the same popup flow and succeeds
        signInThroughPopup("Try again");
        assertConnectedByOAuth();
        checkpoint();
    }

    @Test
    @Order(3)
    void a_blocked_popup_falls_back_to_the_same_tab_and_returns_to_settings_connected() {
        newAgentSettings("Same-tab journey");
        String settingsPath = browser.path();
        ((JavascriptExecutor) driver()).executeScript("window.open = function () { return null; };");

        browser.click("Sign in with OpenAI");
        browser.waiting(Duration.ofSeconds(10)).withMessage(() -> "same tab at the fake's authorize page, is at "
                        + driver().getCurrentUrl())
                .until(d -> d.getCurrentUrl().startsWith(fakes.auth.authorizeUrl()));
        assertThat(driver().getWindowHandles()).as("no popup").hasSize(1);
        browser.waitFor(By.id("allow")).click();

        browser.waitForText("AI Provider");
        assertThat(browser.path()).isEqualTo(settingsPath);
        assertThat(browser.url()).as("code and state left the address bar").doesNotContain("code=").doesNotContain("state=");
        assertConnectedByOAuth();
        checkpoint();
    }

    @Test
    @Order(4)
    void switch_to_an_api_key_and_back_to_oauth_and_the_model_choice_survives() {
        new Select(browser.field("Model")).selectByVisibleText("GPT-4.1");
        browser.waitForText("Model changed to GPT-4.1.");
        assertThat(selectedModel()).isEqualTo("GPT-4.1");

        Set<String> revokedBefore = Set.copyOf(fakes.auth.revocations().stream()
                .map(FakeOpenAiAuth.Revocation::token).toList());
        int revocations = fakes.auth.revocations().size();
        assertThat(driver().findElements(By.id("api-key"))).as("no key field while signed in").isEmpty();
        browser.click("Use API Key Instead");
        WebElement keyField = browser.field("API Key");
        assertThat(keyField.isDisplayed()).isTrue();
        assertThat(browser.text()).contains("The sign-in stays active until the key is verified and saved");
        browser.waitForIndicator("green", "Connected");

        browser.fill("API Key", KEY).click("Save");
        browser.waiting(Duration.ofSeconds(15)).withMessage("Connected via API key")
                .until(d -> via().equals("via API key " + HINT));
        browser.waitForIndicator("green", "Connected");
        assertThat(hasButton("Switch to OAuth")).isTrue();
        assertThat(hasButton("Disconnect")).isFalse();
        assertThat(selectedModel()).as("model after switching to the key").isEqualTo("GPT-4.1");
        browser.waiting(Duration.ofSeconds(10)).withMessage("the old refresh token is revoked")
                .until(d -> fakes.auth.revocations().size() == revocations + 1);
        FakeOpenAiAuth.Revocation revoked = fakes.auth.revocations().get(revocations);
        assertThat(revoked.tokenTypeHint()).isEqualTo("refresh_token");
        assertThat(revoked.clientId()).isEqualTo(fakes.auth.clientId());
        assertThat(revoked.token()).startsWith("rt_").isNotIn(revokedBefore);
        checkpoint();

        signInThroughPopup("Switch to OAuth");
        assertConnectedByOAuth();
        assertThat(selectedModel()).as("model after switching back to OAuth").isEqualTo("GPT-4.1");
        assertThat(driver().findElements(By.id("api-key"))).as("the key form is gone").isEmpty();
        checkpoint();
    }

    @Test
    @Order(5)
    void disconnect_revokes_the_refresh_token_and_says_openai_confirmed_it() {
        int revocations = fakes.auth.revocations().size();
        disconnect();
        WebElement notice = browser.waitFor(By.cssSelector("#connection-card .alert.success"));
        assertThat(notice.getText()).isEqualTo("Disconnected. OpenAI confirmed that Agento's access was revoked.");
        assertThat(driver().findElements(By.id("model"))).isEmpty();
        assertThat(hasButton("Sign in with OpenAI")).isTrue();
        assertThat(fakes.auth.revocations()).hasSize(revocations + 1);
        FakeOpenAiAuth.Revocation revoked = fakes.auth.revocations().get(revocations);
        assertThat(revoked.tokenTypeHint()).isEqualTo("refresh_token");
        assertThat(revoked.token()).startsWith("rt_");
        checkpoint();

        driver().navigate().refresh();
        browser.waitForText("AI Provider");
        browser.waitForIndicator("grey", "Not connected");
        checkpoint();
    }

    @Test
    @Order(6)
    void no_console_errors_and_no_token_ever_reached_a_page() {
        checkpoint();
        List<String> revokedTokens = fakes.auth.revocations().stream().map(FakeOpenAiAuth.Revocation::token)
                .filter(OAuthJourneyIT::marked).toList();
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
            soft.assertThat(problems).as("defects seen along the journey").isEmpty();
            soft.assertThat(revokedTokens).as("refresh tokens revoked along the journey").hasSizeGreaterThanOrEqualTo(5);
            soft.assertThat(sources).as("pages kept").hasSizeGreaterThanOrEqualTo(10);
            for (String source : sources) {
                soft.assertThat(JWT.matcher(source).find()).as("a JWT (access or id token) in a page").isFalse();
                soft.assertThat(REFRESH_TOKEN.matcher(source).find()).as("a refresh token in a page").isFalse();
                for (String token : revokedTokens) {
                    soft.assertThat(source).doesNotContain(token);
                }
            }
        });
    }
}
