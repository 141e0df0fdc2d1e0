package agento.db;

import java.sql.Types;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds every text with U+0000 replaced by U+FFFD. PostgreSQL refuses NUL in text columns, and it can arrive from
 * anywhere text does (a form field, a Telegram message, a model's reply, a connector's answer): without this, such a
 * text failed the statement that stored it on PostgreSQL and was kept as it was on H2. The replacement is lossy on
 * purpose ({@code "a\0"} and {@code "a\uFFFD"} store alike); it covers parameters bound as {@code String} (and
 * {@code Object} or {@code Optional} holding one), not {@code @NVarchar} or {@code CharSequence} ones, which Agento
 * does not use.
 */
final class TextWithoutNul extends AbstractArgumentFactory<String> {
    TextWithoutNul() {
        super(Types.VARCHAR);
    }

    @Override
    protected Argument build(String value, ConfigRegistry config) {
        String text = value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
        return (position, statement, context) -> statement.setString(position, text);
    }
}
