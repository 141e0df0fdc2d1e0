package agento.db;

import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds the values Agento's statements bind most: text, whole numbers and yes/no. Registered last, so Jdbi asks it
 * first. Each statement starts with an empty copy of Jdbi's argument cache, and finding the factory for a
 * {@code Long} asked a dozen factories (some copying their own configuration first): a third of Jdbi's own work on a
 * page's reads. Same JDBC calls as Jdbi's built-in factories.
 *
 * <p>Every text is bound with U+0000 replaced by U+FFFD. PostgreSQL refuses NUL in text columns, and it can arrive from
 * anywhere text does (a form field, a Telegram message, a model's reply, a connector's answer): without this, such a
 * text failed the statement that stored it on PostgreSQL and was kept as it was on H2. The replacement is lossy on
 * purpose ({@code "a\0"} and {@code "a\uFFFD"} store alike); it covers parameters bound as {@code String} (and
 * {@code Object} or {@code Optional} holding one), not {@code @NVarchar} or {@code CharSequence} ones, which Agento
 * does not use.
 */
final class PlainArguments implements ArgumentFactory.Preparable {
    private static final Function<Object, Argument> TEXT = bound(Types.VARCHAR,
            (statement, position, value) -> statement.setString(position, withoutNul((String) value)));
    private static final Function<Object, Argument> WHOLE = bound(Types.BIGINT,
            (statement, position, value) -> statement.setLong(position, (Long) value));
    private static final Function<Object, Argument> INT = bound(Types.INTEGER,
            (statement, position, value) -> statement.setInt(position, (Integer) value));
    private static final Function<Object, Argument> YES_NO = bound(Types.BOOLEAN,
            (statement, position, value) -> statement.setBoolean(position, (Boolean) value));
    private static final Map<Type, Function<Object, Argument>> BY_TYPE = Map.of(
            String.class, TEXT,
            Long.class, WHOLE, long.class, WHOLE,
            Integer.class, INT, int.class, INT,
            Boolean.class, YES_NO, boolean.class, YES_NO);

    @Override
    public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** One JDBC call that sets a value that is not null. */
    private interface Setter {
        void set(PreparedStatement statement, int position, Object value) throws SQLException;
    }

    /** Null as SQL NULL of {@code sqlType} (as Jdbi's own factories bind it), anything else through {@code setter}. */
    private static Function<Object, Argument> bound(int sqlType, Setter setter) {
        return value -> value == null
                ? (position, statement, context) -> statement.setNull(position, sqlType)
                : (position, statement, context) -> setter.set(statement, position, value);
    }

    static String withoutNul(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }
}
