package agento.channels.telegram.botapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bot token from @BotFather ({@code 123456789:AAE...}). It is part of every Bot API URL, so it only ever goes into
 * a request line; {@link #toString()} hides it and {@link #hint()} is all a page or the database sees of it.
 */
public final class BotToken {
    // digits, a colon, then URL-safe characters only: nothing that could change the request path
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19}):([A-Za-z0-9_-]{20,100})");

    private final String value;
    private final long botId;

    private BotToken(String value, long botId) {
        this.value = value;
        this.botId = botId;
    }

    /** The token, trimmed, when it has the shape @BotFather gives; empty otherwise. */
    public static Optional<BotToken> parse(String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        Matcher m = FORMAT.matcher(trimmed);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BotToken(trimmed, Long.parseLong(m.group(1))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** The bot's own user id: the part before the colon (public, Telegram shows it to anyone). */
    public long botId() {
        return botId;
    }

    /** What may be shown again: the last four characters. */
    public String hint() {
        return "\u2026" + value.substring(value.length() - 4);
    }

    /** The secret itself: for the vault and the request path, nothing else. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "BotToken[bot " + botId + ", " + hint() + "]";
    }
}
