package agento;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Start-up is mostly class loading and the database's migrations, one after the other on the main thread. This
 * loads the web server's, the templates' and the HTTP clients' classes on a second thread meanwhile, by building
 * throwaway instances (nothing is started, bound or kept), so the main thread finds them loaded.
 */
final class StartupWarmup {
    private StartupWarmup() {}

    static void inBackground() {
        Thread thread = new Thread(StartupWarmup::run, "agento-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            Javalin.create(config -> config.startup.showJavalinBanner = false);
            Context context = new Context();
            context.setVariables(Map.of("name", "warm-up", "items", java.util.List.of(1, 2)));
            new TemplateEngine().process("<ul><li th:each=\"i : ${items}\" th:text=\"${name + i}\"></li></ul>", context);
            HttpClient.newBuilder().build();
            new ObjectMapper().readTree("{\"warm\": [1, \"up\"]}");
            Parser.builder().build().parse("*warm* up");
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            // only a head start: whatever failed here is built again, and reported, by the real start-up
            LoggerFactory.getLogger(StartupWarmup.class).debug("start-up warm-up stopped early", e);
        }
    }
}
