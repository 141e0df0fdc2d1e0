package agento.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One headless Chromium on the real Agento for the journeys of a class (register it on a static field); a failed
 * journey leaves its screenshot and page source under target/selenium/.
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserFixture fixture = BrowserFixture.on(AgentoFixture.withOpenAiApi(api -&gt; api.acceptKey(KEY)));
 * private final Browser browser = fixture.browser();
 * </pre>
 */
public final class BrowserFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher {
    private final AgentoFixture agento;
    private Browser browser;

    private BrowserFixture(AgentoFixture agento) {
        this.agento = agento;
    }

    /** A browser on Agento alone. */
    public static BrowserFixture onPlainApp() {
        return on(AgentoFixture.plain());
    }

    /** A browser on {@code agento}, which starts first and stops last. */
    public static BrowserFixture on(AgentoFixture agento) {
        return new BrowserFixture(agento);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        agento.beforeAll(context);
        browser = new Browser(agento.app());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        agento.beforeEach(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (browser != null) {
            browser.saveEvidence(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            agento.afterAll(context);
        }
    }

    public Browser browser() {
        return browser;
    }

    /** The app, its fakes and its clock. */
    public AgentoFixture agento() {
        return agento;
    }
}
