package agento.support;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** H2's query statistics: how often the server ran a kind of SELECT, for tests that check what a request reads. */
public final class QueryCounts {
    private QueryCounts() {}

    /** For a test class that counts: skipped in the PostgreSQL run, where these statistics do not exist. */
    public static void assumeEmbeddedH2() {
        assumeFalse(Postgres.EVERY_APP, "H2's statistics count the reads; on PostgreSQL servers share the database");
    }

    /** Turns the statistics on. A statement that is not a SELECT: to the server, a write. */
    public static void start(TestApp app) {
        app.jdbi().useHandle(h -> h.execute("SET QUERY_STATISTICS TRUE"));
    }

    /** How often a SELECT whose text matches {@code pattern} (SQL LIKE, lower case) ran since {@link #start}. */
    public static long selects(TestApp app, String pattern) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM "
                        + "INFORMATION_SCHEMA.QUERY_STATISTICS WHERE LOWER(SQL_STATEMENT) LIKE :pattern "
                        + "AND LOWER(SQL_STATEMENT) NOT LIKE '%query_statistics%'")
                .bind("pattern", pattern).mapTo(Long.class).one());
    }
}
