package agento.db;

import agento.common.Await;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, the schema migrations and the Jdbi instance every repository uses. H2 (the default, one
 * server) or PostgreSQL (several servers on one database): migrations in {@code db/migration} run on both, those in
 * {@code db/h2} or {@code db/postgresql} only on that database (a version is in one place or in both of these);
 * {@link Migrations} runs them.
 *
 * <p>{@link #start} runs the migrations on their own thread, so the server's start-up builds everything else beside
 * them; every Jdbi handle waits for them, so no query ever sees an older schema.
 */
public final class Database implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 20;

    private final HikariDataSource pool;
    private final CompletableFuture<Void> schema;
    private final Jdbi jdbi;
    private final DataGeneration generation = new DataGeneration();

    private Database(HikariDataSource pool, CompletableFuture<Void> schema) {
        this.pool = pool;
        this.schema = schema;
        ConnectionFactory afterMigrations = () -> {
            awaitSchema();
            return pool.getConnection();
        };
        this.jdbi = Jdbi.create(afterMigrations).installPlugin(new SqlObjectPlugin())
                .registerArgument(new PlainArguments());
        generation.watch(jdbi);
    }

    /** Opens the database at {@code url} (jdbc:h2:... or jdbc:postgresql:...) and brings its schema up to date. */
    public static Database open(String url, String user, String password) {
        Database database = start(url, user, password);
        try {
            database.awaitSchema();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Opens the database at {@code url} and starts bringing its schema up to date on another thread: Jdbi handles
     * wait for that; plain JDBC through {@link #dataSource()} must {@link #awaitSchema()} first.
     */
    public static Database start(String url, String user, String password) {
        // made without a connection: the pool opens (and H2 its file) on the first one, on the migrations' thread
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(MAX_CONNECTIONS);
        // several servers share one PostgreSQL: idle servers keep few connections open
        pool.setMinimumIdle(2);
        pool.setPoolName("agento-db");
        String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        CompletableFuture<Void> schema = new CompletableFuture<>();
        Thread migrations = new Thread(() -> {
            try {
                migrate(pool, vendor); // opens the pool: its failure is the driver's SQLException below
                schema.complete(null);
            } catch (SQLException e) {
                // the driver's own words (they never hold the password), as the pool said them when it opened eagerly
                schema.completeExceptionally(new IllegalStateException("cannot open the database: " + e.getMessage(), e));
            } catch (RuntimeException | Error e) {
                schema.completeExceptionally(e);
            }
        }, "agento-migrations");
        migrations.start();
        return new Database(pool, schema);
    }

    /** Waits until the schema is up to date; throws what the migrations threw when they failed. */
    public void awaitSchema() {
        Await.done(schema);
    }

    private static void migrate(DataSource dataSource, String vendor) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Migrations.migrate(connection, vendor, Integer.MAX_VALUE);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Moves with every write this process makes through {@link #jdbi()}. */
    public DataGeneration generation() {
        return generation;
    }

    /** The pool itself, for what needs plain JDBC (the web server's session store). */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * True when a connection from the pool answers the driver's validity check within a second: what
     * {@code /health} reports. Plain JDBC: the first check runs before the server serves, ahead of any use of Jdbi.
     */
    public boolean isReachable() {
        try {
            awaitSchema(); // as every query through Jdbi waits: a schema that failed to migrate is not up
            try (Connection connection = pool.getConnection()) {
                return connection.isValid(1);
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool, after the migrations have ended (failed or not): never in the middle of one. */
    @Override
    public void close() {
        try {
            schema.handle((done, failed) -> null).join();
        } finally {
            pool.close();
        }
    }
}
