package agento.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, the schema migrations and the Jdbi instance every repository uses. H2 (the default, one
 * server) or PostgreSQL (several servers on one database): migrations in {@code db/migration} run on both, those in
 * {@code db/h2} or {@code db/postgresql} only on that database (a version is in one place or in both of these).
 */
public final class Database implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 20;

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).registerArgument(new TextWithoutNul());
    }

    /** Opens the database at {@code url} (jdbc:h2:... or jdbc:postgresql:...) and brings its schema up to date. */
    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        // several servers share one PostgreSQL: idle servers keep few connections open
        config.setMinimumIdle(2);
        config.setPoolName("agento-db");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool, url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2");
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    // on PostgreSQL Flyway holds an advisory lock while it migrates, so servers starting together take turns
    private static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/" + vendor)
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for what needs plain JDBC (the web server's session store). */
    public DataSource dataSource() {
        return pool;
    }

    /** True when a trivial query answers: what {@code /health} reports. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
