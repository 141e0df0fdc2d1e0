package agento.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads on the request path, in Jdbi's fluent API: a SQL Object call attaches its whole interface (every method's
 * handler is built and warmed) on each call, which cost more than the query itself on pages that run a dozen.
 * Arguments are name/value pairs: {@code Reads.one(jdbi, SQL, ROWS, "agent", agentId)}.
 */
public final class Reads {
    private Reads() {}

    /**
     * A mapper built once per record type (constructor parameters matched to columns, as SQL Objects map them), which
     * matches the columns once per column list rather than once per query.
     */
    public static <T> RowMapper<T> rowsOf(Class<T> type) {
        return new SpecializedOnce<>(ConstructorMapper.of(type));
    }

    public static <T> Optional<T> one(Jdbi jdbi, String sql, RowMapper<T> rows, Object... namedArgs) {
        return jdbi.withHandle(h -> bind(h.createQuery(sql), namedArgs).map(rows).findOne());
    }

    public static <T> List<T> list(Jdbi jdbi, String sql, RowMapper<T> rows, Object... namedArgs) {
        return jdbi.withHandle(h -> bind(h.createQuery(sql), namedArgs).map(rows).list());
    }

    /** A single column of each row, mapped by Jdbi's column mappers. */
    public static <T> List<T> column(Jdbi jdbi, String sql, Class<T> type, Object... namedArgs) {
        return jdbi.withHandle(h -> bind(h.createQuery(sql), namedArgs).mapTo(type).list());
    }

    /** The one value of a query that returns one row (an aggregate such as MIN): null when that value is NULL. */
    public static <T> T value(Jdbi jdbi, String sql, Class<T> type, Object... namedArgs) {
        return column(jdbi, sql, type, namedArgs).get(0);
    }

    private static Query bind(Query query, Object[] namedArgs) {
        if (namedArgs.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come as name/value pairs");
        }
        for (int i = 0; i < namedArgs.length; i += 2) {
            query.bind((String) namedArgs[i], namedArgs[i + 1]);
        }
        return query;
    }
}
