package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.KEY;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.nthReply;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeTelegramApi;
import agento.support.Browser;
import agento.support.BrowserFixture;
import agento.support.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * In headless Chromium: connect a bot, Start, an unknown person gets a pairing code, the owner approves it in the
 * page, "hello" gets the model's reply; Allowed users only refuses others; a restart repeats and loses nothing; and
 * the bot token is in no log line, page or database file.
 */
class TelegramJourneyIT {
    static final FakeTelegramApi telegram = new FakeTelegramApi();
    static final String TOKEN = newBot(telegram, "journey_bot");
    static final String SECRET_PART = TOKEN.substring(TOKEN.indexOf(':') + 1, TOKEN.length() - 4);

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeTelegramLast = context -> telegram.close();

    @RegisterExtension
    @Order(2)
    static final BrowserFixture fixture = BrowserFixture.on(TelegramSteps.agentoWith(telegram));
    private final Browser browser = fixture.browser();
    private final List<String> pages = new ArrayList<>();

    private void keepPage() {
        pages.add(browser.source());
    }

    private void reloadSettings() {
        browser.driver().navigate().refresh();
        browser.waitForText("Channels");
        keepPage();
    }

    @Test
    void connect_start_pair_approve_chat_refuse_restart_and_no_token_anywhere() throws IOException {
        try (LogCapture logs = LogCapture.start()) {
            browser.open("/").createFirstAdmin();
            browser.openSettingsOfNewAgent("Telegram journey");
            browser.fill("API Key", KEY).click("Save");
            browser.waitForIndicator("green", "Connected");

            browser.fill("Bot token", "  " + TOKEN + " ").click("Connect Telegram");
            browser.waitForText("Connected as @journey_bot");
            assertThat(browser.field("Who can talk to this agent").getText()).contains("Pairing");
            keepPage();

            browser.click("Overview").click("Start").waitForText("Running");
            browser.click("Settings").waitForText("Channels");

            telegram.userWrites(TOKEN, 9001, "Ann", "hi, who are you?");
            Matcher code = Pattern.compile("pairing code is ([A-Z0-9-]{9})").matcher(nthReply(telegram, 9001, 1));
            assertThat(code.find()).isTrue();
            browser.waitForText(code.group(1)); // the pending list looks for requests while it is empty
            assertThat(browser.driver().findElement(By.id("telegram-pending")).getText()).contains("Ann").contains("9001");
            keepPage();
            browser.field("This is my own Telegram account").click();
            browser.click("Approve");
            browser.waitForText("(your account: credential alerts go here)");
            keepPage();

            telegram.userWrites(TOKEN, 9001, "Ann", "hello");
            assertThat(nthReply(telegram, 9001, 2)).isEqualTo("You said: hello");

            new Select(browser.field("Who can talk to this agent")).selectByVisibleText("Allowed users only");
            browser.waitForText("Only the Telegram user ids approved below can talk");
            telegram.userWrites(TOKEN, 9002, "Mallory", "me too?");
            assertThat(nthReply(telegram, 9002, 1)).contains("only talks to people its owner added");
            telegram.userWrites(TOKEN, 9001, "Ann", "still me");
            assertThat(nthReply(telegram, 9001, 3)).isEqualTo("You said: still me");
            reloadSettings();
            assertThat(browser.text()).doesNotContain("Mallory");
            assertThat(browser.consoleErrors()).isEmpty();

            fixture.agento().app().stop();
            telegram.userWrites(TOKEN, 9001, "Ann", "are you back?");
            fixture.agento().app().restart(Clock.systemUTC());
            assertThat(nthReply(telegram, 9001, 4)).isEqualTo("You said: are you back?");
            assertThat(TelegramSteps.stays(Duration.ofSeconds(2), () -> telegram.sentTo(9001))).hasSize(4);
            assertThat(telegram.unconfirmed(TOKEN)).isZero();
            fixture.agento().app().stop(); // the database files are complete once it is closed

            assertThat(logs.eventCount()).isPositive();
            assertThat(logs.linesContaining(SECRET_PART)).isEmpty();
            assertThat(pages).hasSizeGreaterThan(3).noneMatch(page -> page.contains(SECRET_PART));
            assertThat(hitsInDataFiles(fixture.agento().app().dataDir(), "Telegram journey")).isNotEmpty();
            assertThat(hitsInDataFiles(fixture.agento().app().dataDir(), SECRET_PART)).isEmpty();
            fixture.agento().app().restart(Clock.systemUTC());
        }
    }

    private static List<Path> hitsInDataFiles(Path dir, String needle) throws IOException {
        byte[] utf8 = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                            .contains(new String(utf8, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
