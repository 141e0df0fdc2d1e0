package agento.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** On a failed browser journey, saves the screenshot and page source under target/selenium/. */
public final class FailureEvidence implements TestWatcher {
    private final Supplier<Browser> browser;

    public FailureEvidence(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser b = browser.get();
        if (b != null) {
            b.saveEvidence(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
    }
}
