package agento.bench;

import agento.fakes.FakeOpenAiApi;
import agento.support.Accounts;
import agento.support.Browser;
import agento.support.TestApp;
import agento.support.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Screenshots of the main pages at phone (390 px) and desktop (1280 px) width, against the fakes on 127.0.0.1, for
 * looking at what a person sees: {@code java -cp ... agento.bench.PageShots target/shots}. Not a test.
 */
public final class PageShots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/shots");
        Files.createDirectories(out);
        String key = "sk-proj-ShotsKeyForScreens0123456789AbCd";
        try (FakeOpenAiApi openAi = new FakeOpenAiApi().acceptKey(key);
             TestApp app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC())) {
            openAi.responses().replyWith(t -> "Here is **a plan** for *" + t + "*:\n\n1. Read the brief\n2. Draft\n"
                    + "3. Review\n\n```\nagento --help\n```\n\nMore at [the docs](https://example.com).")
                    .deltaDelay(Duration.ofMillis(15));
            WebClient admin = Accounts.admin(app, "alice@example.com");
            long agent = Accounts.agent(admin, "Research helper");
            admin.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", key));
            admin.post("/agents/" + agent + "/start", Map.of());
            try (Browser b = new Browser(app)) {
                b.open("/login").fill("Email", "alice@example.com").fill("Password", Accounts.PASSWORD).click("Log in");
                b.waitForText("Your agents");
                b.open("/agents/" + agent + "/chat").fill("Message", "a weekly report").click("Send");
                b.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(".markdown strong")).isEmpty());
                for (String[] page : new String[][] {{"dashboard", "/"}, {"overview", "/agents/" + agent},
                        {"chat", "/agents/" + agent + "/chat"}, {"settings", "/agents/" + agent + "/settings"},
                        {"connectors", "/connectors"}, {"account", "/account"}, {"users", "/admin/users"}}) {
                    for (int width : new int[] {390, 1280}) {
                        b.driver().manage().window().setSize(new Dimension(width, 900));
                        b.open(page[1]);
                        Path shot = ((TakesScreenshot) b.driver()).getScreenshotAs(OutputType.FILE).toPath();
                        Files.copy(shot, out.resolve(page[0] + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                System.out.println("console errors: " + b.consoleErrors());
            }
        }
        System.out.println("screenshots in " + out.toAbsolutePath());
    }
}
