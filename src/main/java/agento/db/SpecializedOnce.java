package agento.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row mapper that matches columns to a record's constructor once per column list, not once per query: Jdbi's
 * {@code ConstructorMapper} re-reads the constructor's parameters and annotations and matches every column name on
 * each result set, which cost an eighth of a Settings request. The matched mapper only depends on the column labels
 * (the column mappers it picks are chosen by parameter type and hold no state), so it is kept per label list.
 */
final class SpecializedOnce<T> implements RowMapper<T> {
    private static final int MAX_SHAPES = 16;

    private final RowMapper<T> matcher;
    private final Map<String, RowMapper<T>> byColumns = new ConcurrentHashMap<>();

    SpecializedOnce(RowMapper<T> matcher) {
        this.matcher = matcher;
    }

    @Override
    public T map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }

    @Override
    public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        String columns = labels(rs.getMetaData());
        RowMapper<T> known = byColumns.get(columns);
        if (known != null) {
            return known;
        }
        RowMapper<T> matched = matcher.specialize(rs, ctx);
        if (byColumns.size() < MAX_SHAPES) {
            byColumns.put(columns, matched);
        }
        return matched;
    }

    private static String labels(ResultSetMetaData meta) throws SQLException {
        int count = meta.getColumnCount();
        StringBuilder labels = new StringBuilder(count * 12);
        for (int i = 1; i <= count; i++) {
            labels.append(meta.getColumnLabel(i)).append('\n');
        }
        return labels.toString();
    }
}
