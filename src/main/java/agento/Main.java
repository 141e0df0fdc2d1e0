package agento;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar agento.jar} runs the server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        AppConfig config;
        try {
            config = AppConfig.fromEnv(System.getenv());
        } catch (AppConfig.ConfigException e) {
            System.err.println("agento: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            Agento agento = Agento.start(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(agento::close, "agento-shutdown"));
            log.info("Agento is ready at {} (port {}, data in {}) after {} ms", config.baseUrl(), agento.port(),
                    config.dataDir().toAbsolutePath().normalize(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Agento could not start: {}", e.getMessage());
            System.err.println("agento: could not start: " + e.getMessage());
            System.exit(1);
        }
    }
}
