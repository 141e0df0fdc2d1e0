package agento.channels.telegram.botapi;

/** What {@code getMe} says about the bot. */
public record BotIdentity(long id, String username) {}
