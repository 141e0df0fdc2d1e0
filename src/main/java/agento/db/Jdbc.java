package agento.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Plain JDBC for the few statements that run before the server answers: the vault's canary check and what the
 * features do {@link agento.feature.Feature#beforeServing before serving}. Everything else goes through Jdbi.
 *
 * <p>Why: a process's first statement through Jdbi costs about 250 ms of CPU (its statement machinery, and registering
 * Jdbi's JFR event, which reads the metadata of every JDK event type). Before the server answers, that was a sixth of
 * a cold start; once it answers, the background workers' first passes pay it beside the first requests.
 *
 * <p>Texts are bound without U+0000, as through Jdbi ({@link PlainArguments}). A driver's failure is thrown as an
 * {@link IllegalStateException} with the driver's words: they name the statement and at most a key's value, and
 * these statements bind no plaintext secret.
 */
public final class Jdbc {
    private Jdbc() {}

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work on one connection, in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection);
    }

    /**
     * Runs {@code work} in a transaction of its own: committed when it returns, rolled back when it throws. The
     * connection goes back closed (to the pool, which restores its auto-commit).
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** As {@link #inTransaction}, for work that returns nothing. */
    public static void useTransaction(DataSource dataSource, Consumer<Connection> work) {
        inTransaction(dataSource, connection -> {
            work.accept(connection);
            return null;
        });
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    public static int update(Connection connection, String sql, Object... arguments) {
        try (PreparedStatement statement = prepare(connection, sql, arguments)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Every row a query returns, each read by {@code row}. */
    public static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... arguments) {
        try (PreparedStatement statement = prepare(connection, sql, arguments);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... arguments)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < arguments.length; i++) {
                Object argument = arguments[i];
                statement.setObject(i + 1, argument instanceof String text ? PlainArguments.withoutNul(text) : argument);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("a database statement failed: " + e.getMessage(), e);
    }
}
