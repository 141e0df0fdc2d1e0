package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** In Chromium: while the sign-in popup is open the card waits with Cancel; Cancel closes the popup and resets the card. */
class SignInWaitingIT {
    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAi().onTheSystemClock());
    private final Browser browser = fixture.browser();

    @Test
    void the_card_waits_for_the_popup_and_cancel_closes_it_and_brings_sign_in_back() {
        browser.open("/").createFirstAdmin();
        browser.openSettingsOfNewAgent("Waiting journey");

        browser.click("Sign in with OpenAI");
        browser.waiting(Duration.ofSeconds(10)).withMessage("a popup window opens")
                .until(d -> d.getWindowHandles().size() == 2);
        browser.waitForIndicator("amber", "Waiting for OpenAI…");
        assertThat(browser.driver().findElements(By.cssSelector("form[data-oauth-start]"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("callback-url"))).as("no paste box on this machine").isEmpty();

        browser.click("Cancel");

        browser.waiting(Duration.ofSeconds(10)).withMessage("the popup closes")
                .until(d -> d.getWindowHandles().size() == 1);
        browser.waitForIndicator("grey", "Not connected");
        browser.waitForText("Sign-in cancelled.");
        assertThat(browser.driver().findElements(By.id("provider"))).as("the card alone was replaced").hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("form[data-oauth-start]"))).isNotEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
