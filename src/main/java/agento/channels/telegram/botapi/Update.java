package agento.channels.telegram.botapi;

/**
 * One item of {@code getUpdates}. {@code message} is null for anything but a message (we only ask for messages, but
 * Telegram may still send others), and its {@code text} is null for a photo, sticker and the like.
 */
public record Update(long id, IncomingMessage message) {

    /** A message someone sent the bot: in which chat, from whom (their numeric id and a display name), and the text. */
    public record IncomingMessage(long chatId, long fromId, String fromName, String text) {}
}
