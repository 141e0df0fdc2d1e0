package agento.agents;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Browser;
import agento.support.BrowserFixture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A newcomer's first minutes, in headless Chromium against the real server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationJourneyIT {
    @RegisterExtension
    static final BrowserFixture fixture = BrowserFixture.onPlainApp();
    private final Browser browser = fixture.browser();

    @Test
    @Order(1)
    void first_run_setup_leads_to_an_empty_dashboard() {
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/setup");
        browser.createFirstAdmin();
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void create_an_agent_see_it_listed_open_its_settings_rename_and_delete_it() {
        browser.click("New agent");
        browser.fill("Name", "").click("Create agent").waitForText("Give the agent a name.");
        browser.fill("Name", "Research helper").fill("Description (optional)", "Finds papers").click("Create agent");
        browser.waitForText("Overview");
        assertThat(browser.path()).matches("/agents/\\d+");

        browser.open("/").waitForText("Research helper");
        assertThat(browser.text()).contains("No AI provider").contains("Stopped");

        browser.click("Research helper").click("Settings").waitForText("AI Provider");
        assertThat(browser.text()).contains("Danger zone");
        assertThat(browser.field("Provider").getText()).contains("OpenAI");

        browser.fill("Name", "Paper finder").click("Rename").waitForText("the agent is now called");
        browser.open("/").waitForText("Paper finder");
        assertThat(browser.text()).doesNotContain("Research helper");

        browser.click("Paper finder").click("Settings").click("Delete agent").waitForText("This cannot be undone.");
        browser.click("Delete agent").waitForText("You have no agents yet.");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void log_out_and_back_in_and_a_second_user_cannot_open_the_first_users_agent() {
        browser.click("New agent").fill("Name", "Owner's agent").click("Create agent").waitForText("Overview");
        String agentPath = browser.path();

        browser.open("/admin/users").fill("Email", "second@example.com").fill("Initial password", "second password")
                .click("Add user").waitForText("Added second@example.com.");
        browser.click("Log out").waitForText("Log in");
        browser.fill("Email", "owner@example.com").fill("Password", "wrong password").click("Log in")
                .waitForText("Email or password is incorrect.");
        browser.fill("Email", "owner@example.com").fill("Password", "correct horse battery").click("Log in")
                .waitForText("Owner's agent");

        browser.click("Log out").waitForText("Log in");
        browser.fill("Email", "second@example.com").fill("Password", "second password").click("Log in")
                .waitForText("You have no agents yet.");
        browser.open(agentPath).waitForText("Page not found");
        assertThat(browser.text()).doesNotContain("Owner's agent");
    }
}
