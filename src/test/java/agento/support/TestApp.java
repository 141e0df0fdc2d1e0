package agento.support;

import agento.AppConfig;
import agento.Agento;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The real Agento on a random port with a fresh H2 database in a temp dir. */
public final class TestApp implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> env;
    private Agento agento;

    private TestApp(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    public static TestApp start() {
        return start(Map.of(), Clock.systemUTC());
    }

    public static TestApp start(Map<String, String> overrides, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("agento-test");
            Map<String, String> env = offlineEnv(freePort());
            env.put("AGENTO_DATA_DIR", dir.toString());
            if (Postgres.EVERY_APP) {
                env.putAll(Postgres.newDatabaseEnv());
            }
            env.putAll(overrides);
            TestApp app = new TestApp(dir, env);
            app.restart(clock);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Agento on {@code port} with every provider URL at a closed local port: no test may reach the internet. */
    public static Map<String, String> offlineEnv(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTO_PORT", Integer.toString(port));
        env.put("AGENTO_BASE_URL", "http://127.0.0.1:" + port);
        env.put("AGENTO_OPENAI_API_BASE", "http://127.0.0.1:9/v1");
        env.put("AGENTO_OPENAI_CHATGPT_BASE", "http://127.0.0.1:9/backend-api/codex");
        env.put("AGENTO_OPENAI_OAUTH_AUTHORIZE_URL", "http://127.0.0.1:9/oauth/authorize");
        env.put("AGENTO_OPENAI_OAUTH_TOKEN_URL", "http://127.0.0.1:9/oauth/token");
        env.put("AGENTO_OPENAI_OAUTH_REVOKE_URL", "http://127.0.0.1:9/oauth/revoke");
        env.put("AGENTO_OPENAI_DEVICE_AUTH_URL", "http://127.0.0.1:9/api/accounts/deviceauth");
        return env;
    }

    /** A port nothing listens on right now; the app takes it at once, so a restart keeps its address. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops (if running) and starts again on the same data dir, as after a server restart. */
    public TestApp restart(Clock clock) {
        if (agento != null) {
            agento.close();
        }
        agento = Agento.start(AppConfig.fromEnv(env), clock);
        return this;
    }

    public void stop() {
        if (agento != null) {
            agento.close();
            agento = null;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + agento.port() + path;
    }

    public int port() {
        return agento.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Jdbi jdbi() {
        return agento.database().jdbi();
    }

    /** The single number a {@code SELECT COUNT(*) ...} query answers. */
    public int count(String sql) {
        Integer n = jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
        return n;
    }

    public Agento agento() {
        return agento;
    }

    @Override
    public void close() {
        stop();
    }
}
