package agento.channels.telegram.botapi;

import java.time.Duration;

/**
 * Telegram refused a call or could not be reached. The message names the method and Telegram's answer, never the
 * URL (which holds the token).
 */
public final class BotApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The cases the poller and the Settings card treat differently. */
    public enum Kind {
        /** 401 (or 404: Telegram's answer to a token it does not know the shape of): the token is not valid. */
        UNAUTHORIZED,
        /** 409: another program polls this bot, or a webhook is set ({@link #isWebhook()}). */
        CONFLICT,
        /** 429: wait {@link #retryAfter()}. */
        RATE_LIMITED,
        /** Network failure, timeout, 5xx or an answer that is not the Bot API's JSON: try again later. */
        UNREACHABLE,
        /** Any other refusal (chat not found, the user blocked the bot...). */
        REFUSED
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean webhook;

    BotApiException(Kind kind, String message, Duration retryAfter, boolean webhook) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.webhook = webhook;
    }

    static BotApiException unreachable(String method, String reason) {
        return new BotApiException(Kind.UNREACHABLE, "Telegram " + method + ": " + reason, Duration.ZERO, false);
    }

    static BotApiException answered(String method, int code, String description, long retryAfterSeconds) {
        Kind kind = code == 401 || code == 404 ? Kind.UNAUTHORIZED
                : code == 409 ? Kind.CONFLICT
                : code == 429 ? Kind.RATE_LIMITED
                : code >= 500 ? Kind.UNREACHABLE : Kind.REFUSED;
        String said = printable(description);
        boolean webhook = kind == Kind.CONFLICT && said.toLowerCase(java.util.Locale.ROOT).contains("webhook");
        return new BotApiException(kind, "Telegram " + method + " answered " + code + (said.isEmpty() ? "" : ": " + said),
                Duration.ofSeconds(Math.max(0, Math.min(retryAfterSeconds, 3600))), webhook);
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#RATE_LIMITED}: how long Telegram asked us to wait (zero when it did not say). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** A 409 because a webhook is set on the bot: getUpdates cannot work until it is deleted. */
    public boolean isWebhook() {
        return webhook;
    }

    // Telegram's description is untrusted text: one short printable line
    private static String printable(String text) {
        String line = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "\u2026" : line;
    }
}
