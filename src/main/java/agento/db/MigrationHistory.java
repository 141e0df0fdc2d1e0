package agento.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The migrations that ran on a database: Flyway's table {@code flyway_schema_history}, with its columns, made here
 * when the schema is still empty.
 */
final class MigrationHistory {
    private static final String NAME = "flyway_schema_history";
    private static final String CREATE = """
            CREATE TABLE "flyway_schema_history" (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INT,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
                "execution_time" INT NOT NULL,
                "success" BOOLEAN NOT NULL,
                CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")
            );
            CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success")""";

    /** A migration in the history: its version (null for Flyway's own marker rows), checksum and outcome. */
    record Applied(Integer version, String script, Integer checksum, boolean success) {}

    private final Connection connection;
    private int lastRank;

    private MigrationHistory(Connection connection, int lastRank) {
        this.connection = connection;
        this.lastRank = lastRank;
    }

    /** The history of the connection's schema; made when the schema has no table yet, refused when it has others. */
    static MigrationHistory open(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String escape = meta.getSearchStringEscape();
        String schema = connection.getSchema();
        if (!hasTable(meta, schema, NAME.replace("_", escape + "_"))) {
            if (hasTable(meta, schema, "%")) {
                throw new MigrationException("the database already has tables but no migration history ("
                        + NAME + "): Agento only migrates a database it made; give it an empty one");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE);
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet max = statement.executeQuery("SELECT MAX(\"installed_rank\") FROM \"" + NAME + "\"")) {
            max.next();
            return new MigrationHistory(connection, max.getInt(1));
        }
    }

    private static boolean hasTable(DatabaseMetaData meta, String schema, String pattern) throws SQLException {
        try (ResultSet tables = meta.getTables(null, schema, pattern, null)) {
            return tables.next();
        }
    }

    /** The migrations with a version, by version. */
    Map<Integer, Applied> applied() throws SQLException {
        Map<Integer, Applied> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"version\", \"script\", \"checksum\", \"success\" FROM \""
                     + NAME + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                int checksum = rows.getInt(3);
                Applied row = new Applied(version(rows.getString(1)), rows.getString(2),
                        rows.wasNull() ? null : checksum, rows.getBoolean(4));
                applied.put(row.version(), row);
            }
        }
        return applied;
    }

    private static int version(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new MigrationException("the migration history has a version this Agento does not know: " + text);
        }
    }

    /** Adds {@code migration} as run, in {@code millis}. */
    void add(Migration migration, long millis) throws SQLException {
        String user = connection.getMetaData().getUserName();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"" + NAME + "\" (\"installed_rank\", "
                + "\"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                + "\"execution_time\", \"success\") VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, TRUE)")) {
            insert.setInt(1, ++lastRank);
            insert.setString(2, Integer.toString(migration.version()));
            insert.setString(3, migration.description());
            insert.setString(4, migration.script());
            insert.setInt(5, migration.checksum());
            insert.setString(6, user == null || user.isEmpty() ? "agento" : user.substring(0, Math.min(100,
                    user.length())));
            insert.setInt(7, (int) Math.min(Integer.MAX_VALUE, millis));
            insert.executeUpdate();
        }
    }
}
