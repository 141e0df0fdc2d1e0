package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiAuth;
import agento.support.AgentoFixture;
import agento.support.Browser;
import agento.support.BrowserFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Sign in with a code in headless Chromium: the code on the card, Copy, and the card turning green by itself. */
class DeviceSignInJourneyIT {
    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAi().onTheSystemClock());
    private final FakeOpenAiAuth auth = fixture.agento().fakes().auth.deviceInterval("1");
    private final Browser browser = fixture.browser();

    @Test
    void the_code_shows_with_copy_and_once_entered_at_openai_the_card_turns_green_without_a_reload() {
        browser.open("/").createFirstAdmin().openSettingsOfNewAgent("Remote agent");
        long started = System.nanoTime();
        browser.click("Sign in with a code");
        String code = browser.waitFor(By.id("user-code")).getText();
        assertThat(browser.driver().findElement(By.id("copy-code")).isDisplayed()).as("Copy shows with JavaScript")
                .isTrue();
        assertThat(browser.driver().findElement(By.id("device-verify-link")).getAttribute("href"))
                .isEqualTo(auth.deviceVerifyUrl());
        browser.driver().findElement(By.id("copy-code")).click();
        String page = browser.url();

        assertThat(auth.enterCode(code)).isTrue();
        browser.waiting(Duration.ofSeconds(15)).until(d -> browser.indicator().getText().equals("Connected"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("DeviceSignInJourneyIT: click to Connected against the fake (interval 1 s): " + millis + " ms");

        assertThat(browser.url()).as("no reload, no navigation").isEqualTo(page);
        assertThat(browser.text()).contains("via OpenAI account " + auth.email()).doesNotContain(code);
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
