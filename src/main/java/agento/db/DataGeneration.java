package agento.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * A number that moves whenever this process writes to its database through Jdbi: what a copy of something read from
 * the database (a rendered page, say) is stamped with, and valid only while the number stays the same.
 *
 * <p>It moves twice per handle that writes: before its first write statement runs, and once the handle has closed
 * (after its transaction committed or rolled back). So whatever a reader saw between the two belongs to a number
 * that no longer holds once the writer's changes are visible. A reader that stamps a copy with {@link #current()}
 * before it reads, and keeps the copy only when {@link #current()} is still the same afterwards, never keeps a copy
 * older than the data. A statement counts as a read only when it starts with {@code SELECT} (and reads no data-change
 * table); anything else counts as a write. Only this process's writes move it: with several servers on one database it says nothing.
 */
public final class DataGeneration {
    private static final Pattern DATA_CHANGE_TABLE = Pattern.compile("\\b(?:FINAL|NEW|OLD)\\s+TABLE\\b",
            Pattern.CASE_INSENSITIVE);

    private final AtomicLong value = new AtomicLong();
    private final Set<Connection> writing = ConcurrentHashMap.newKeySet();

    public long current() {
        return value.get();
    }

    void watch(Jdbi jdbi) {
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                if (!isRead(ctx.getRawSql())) {
                    writing.add(ctx.getConnection());
                    value.incrementAndGet();
                }
            }
        });
        jdbi.getConfig(Handles.class).addListener(new HandleListener() {
            @Override
            public void handleClosed(Handle handle) {
                if (writing.remove(handle.getConnection())) {
                    value.incrementAndGet();
                }
            }
        });
    }

    static boolean isRead(String sql) {
        if (sql == null) {
            return false;
        }
        int at = 0;
        while (at < sql.length() && (Character.isWhitespace(sql.charAt(at)) || sql.charAt(at) == '(')) {
            at++;
        }
        boolean select = sql.regionMatches(true, at, "SELECT", 0, "SELECT".length())
                && (at + "SELECT".length() == sql.length() || !Character.isLetterOrDigit(sql.charAt(at + 6)));
        // H2 reads the rows an INSERT, UPDATE or DELETE wrote with SELECT ... FROM FINAL TABLE (INSERT ...)
        return select && !DATA_CHANGE_TABLE.matcher(sql).find();
    }
}
