package agento.runtime;

import agento.fakes.FakeOpenAiApi;
import agento.support.Accounts;
import agento.support.Browser;
import agento.support.TestApp;
import agento.support.WebClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

class LookIT {
    @Test
    void look() throws Exception {
        String key = "sk-proj-LookKeyForTests0123456789AbCd";
        try (FakeOpenAiApi openAi = new FakeOpenAiApi().acceptKey(key);
             TestApp app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC())) {
            openAi.responses().replyWith(t -> "Here is **bold** and a list:\n\n- one\n- two\n\n```\ncode <b>x</b>\n```\n\nA [link](https://example.com) and <script>alert(1)</script> words words words words words words words words words words words words words")
                    .deltaDelay(Duration.ofMillis(120));
            WebClient admin = Accounts.admin(app, "alice@example.com");
            long agent = Accounts.agent(admin, "Helper");
            admin.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", key));
            try (Browser b = new Browser(app)) {
                b.open("/login");
                b.fill("Email", "alice@example.com").fill("Password", Accounts.PASSWORD).click("Log in");
                b.waitForText("Your agents");
                shot(b, "dashboard");
                b.open("/agents/" + agent);
                shot(b, "overview-stopped");
                b.click("Start");
                b.waitForText("Running");
                shot(b, "overview-running");
                b.open("/agents/" + agent + "/chat");
                b.fill("Message", "Hello");
                b.click("Send");
                Thread.sleep(900);
                shot(b, "chat-streaming");
                b.waitForText("code <b>x</b>");
                b.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(".markdown strong")).isEmpty());
                shot(b, "chat-done");
                System.out.println("CONSOLE " + b.consoleErrors());
                b.driver().manage().window().setSize(new Dimension(390, 900));
                shot(b, "chat-phone");
                b.driver().manage().window().setSize(new Dimension(1280, 900));
                b.open("/agents/" + agent + "/settings");
                shot(b, "settings");
            }
        }
    }

    private static void shot(Browser b, String name) throws Exception {
        File f = ((TakesScreenshot) b.driver()).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("/tmp/shots"));
        Files.copy(f.toPath(), Path.of("/tmp/shots/" + name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
