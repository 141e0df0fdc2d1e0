package agento.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Captures, from the moment it starts, every logback event (fully formatted, with the whole exception chain,
 * messages included, and the raw arguments) and everything written to System.out / System.err, so a test
 * can assert that no secret ever reaches a log. Agento's own loggers are lowered to TRACE meanwhile, so a
 * debug line that would leak is caught too; levels and streams are restored by {@link #close()}.
 */
public final class LogCapture implements AutoCloseable {
    private static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger %mdc %kvp - %msg%n%ex{full}";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final LoggerContext context;
    private final Logger root;
    private final Logger agento;
    private final Level agentoLevel;
    private final AppenderBase<ILoggingEvent> appender;
    private final PrintStream originalOut;
    private final PrintStream originalErr;

    private LogCapture() {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        agento = context.getLogger("agento");
        agentoLevel = agento.getLevel();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                StringBuilder line = new StringBuilder(layout.doLayout(event));
                if (event.getArgumentArray() != null) {
                    // arguments a structured (JSON) encoder would print even without a {} placeholder
                    line.append(" args=").append(Arrays.deepToString(event.getArgumentArray()));
                }
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    line.append(" exception=").append(t.getClassName()).append(": ").append(t.getMessage());
                    for (IThrowableProxy suppressed : t.getSuppressed()) {
                        line.append(" suppressed=").append(suppressed.getClassName()).append(": ")
                                .append(suppressed.getMessage());
                    }
                }
                events.add(line.toString());
            }
        };
        appender.setContext(context);
        appender.setName("test-log-capture");
        appender.start();
        root.addAppender(appender);
        agento.setLevel(Level.TRACE);
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(tee(originalOut));
        System.setErr(tee(originalErr));
    }

    /** Starts capturing; close it to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every captured log event, formatted, followed by every captured console line. */
    public List<String> lines() {
        List<String> all = new ArrayList<>(events);
        synchronized (console) {
            all.addAll(Arrays.asList(console.toString(StandardCharsets.UTF_8).split("\\R")));
        }
        return all;
    }

    /** How many logback events were captured (to show the capture really ran). */
    public int eventCount() {
        return events.size();
    }

    /** The captured lines that contain {@code needle}. */
    public List<String> linesContaining(String needle) {
        return lines().stream().filter(l -> l.contains(needle)).toList();
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.detachAppender(appender);
        appender.stop();
        agento.setLevel(agentoLevel);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (console) {
                    console.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (console) {
                    console.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
