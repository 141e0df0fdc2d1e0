package agento.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through Debian's chromedriver; Selenium Manager never runs (no downloads). */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final ScratchDir profile;
    private final TestApp app;

    public Browser(TestApp app) {
        this(app, true);
    }

    /** A Chromium with JavaScript off, when {@code javascript} is false: every page must still work as plain forms. */
    public Browser(TestApp app, boolean javascript) {
        this.app = app;
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Chromium missing: the test command installs Debian's chromium and "
                    + "chromium-driver (scripts/test); run it instead of mvn directly");
        }
        profile = ScratchDir.create("agento-chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--user-data-dir=" + profile.path(), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        if (!javascript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser open(String path) {
        driver.get(app.url(path));
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String source() {
        return driver.getPageSource();
    }

    /** Types into the field whose {@code <label>} says {@code label}, as a person would find it. */
    public Browser fill(String label, String value) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    public WebElement field(String label) {
        WebElement labelElement = waitFor(By.xpath("//label[normalize-space(.)=" + xpathLiteral(label) + "]"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** Clicks the visible button or link that says {@code text}. */
    public Browser click(String text) {
        By by = By.xpath("//*[(self::button or self::a or self::input[@type='submit']) and normalize-space(.)="
                + xpathLiteral(text) + "]");
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
        return this;
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the page's text contains {@code text}. */
    public Browser waitForText(String text) {
        // while a page is being replaced, Chromium may answer with a stale or detached node: look again
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        return this;
    }

    /** A wait that polls every 10 ms and looks again when an element is stale or not there yet. */
    public WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(10));
        wait.ignoring(StaleElementReferenceException.class).ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    /** On the setup page: creates the first admin, {@link Accounts#OWNER}, and waits for the empty dashboard. */
    public Browser createFirstAdmin() {
        fill("Email", Accounts.OWNER).fill("Password", Accounts.PASSWORD).fill("Confirm password", Accounts.PASSWORD)
                .click("Create admin account").waitForText("You have no agents yet.");
        return this;
    }

    /** Creates an agent through the UI and opens its Settings tab, not connected. */
    public Browser openSettingsOfNewAgent(String name) {
        open("/agents/new").fill("Name", name).click("Create agent").waitForText("Overview");
        click("Settings").waitForText("AI Provider");
        waitForIndicator("grey", "Not connected");
        return this;
    }

    /** Clicks {@code button}, clicks Allow in the sign-in popup that opens, and waits until it closed itself. */
    public Browser allowInPopup(String button) {
        String main = driver.getWindowHandle();
        click(button);
        waiting(Duration.ofSeconds(10)).withMessage("a popup window opens").until(d -> d.getWindowHandles().size() == 2);
        driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow());
        try {
            waitFor(By.id("allow")).click();
        } catch (org.openqa.selenium.NoSuchWindowException closedWhileClicking) {
            // the popup may close itself before the click command returns
        }
        driver.switchTo().window(main);
        waiting(Duration.ofSeconds(10)).withMessage("the popup closes itself").until(d -> d.getWindowHandles().size() == 1);
        return this;
    }

    /** The AI Provider card's indicator. */
    public WebElement indicator() {
        return driver.findElement(By.id("connection-indicator"));
    }

    /** Waits until the indicator has {@code color} among its classes and says {@code label}. */
    public void waitForIndicator(String color, String label) {
        waiting(Duration.ofSeconds(15)).withMessage(() -> "indicator " + color + " \"" + label + "\"")
                .until(d -> hasClass(indicator(), color) && indicator().getText().equals(label));
    }

    public static boolean hasClass(WebElement element, String cssClass) {
        String classes = element.getDomAttribute("class");
        return classes != null && List.of(classes.trim().split("\\s+")).contains(cssClass);
    }

    /** Script errors and CSP violations since the last call; an expected 4xx answer is not one. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(e -> !e.getMessage().contains("Failed to load resource: the server responded with a status of 4"))
                .map(LogEntry::getMessage).toList();
    }

    /** Saves a screenshot and the page source under target/ for a failed journey. */
    public void saveEvidence(String name) {
        try {
            Path dir = Path.of("target", "selenium");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save evidence for " + name + ": " + e);
        }
    }

    private static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
        profile.close();
    }

}
