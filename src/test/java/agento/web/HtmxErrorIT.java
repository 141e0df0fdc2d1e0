package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Browser;
import agento.support.FailureEvidence;
import agento.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** A failed htmx request shows a message instead of silently doing nothing. */
class HtmxErrorIT {
    private static TestApp app;
    private static Browser browser;

    @RegisterExtension
    final FailureEvidence evidence = new FailureEvidence(() -> browser);

    @BeforeAll
    static void start() {
        app = TestApp.start();
        browser = new Browser(app);
    }

    @AfterAll
    static void stop() {
        browser.close();
        app.close();
    }

    @Test
    void an_oversized_htmx_post_says_nothing_was_changed() {
        browser.open("/setup").fill("Email", "owner@example.com").fill("Password", "correct horse battery")
                .fill("Confirm password", "correct horse battery").click("Create admin account")
                .waitForText("You have no agents yet.");
        browser.click("New agent");
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('agent-description').value = 'x'.repeat(400000);");
        browser.fill("Name", "Too big").click("Create agent");
        browser.waitForText("That was more than Agento accepts, so nothing was changed.");
        assertThat(browser.driver().findElement(By.id("request-error")).isDisplayed()).isTrue();
        browser.open("/").waitForText("You have no agents yet.");
    }
}
