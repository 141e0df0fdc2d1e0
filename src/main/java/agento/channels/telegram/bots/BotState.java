package agento.channels.telegram.bots;

import agento.common.ColumnEnum;

/** What the Telegram card shows, and whether the poller may poll the bot. */
public enum BotState implements ColumnEnum {
    /** getMe answered and no webhook is set; green "Connected as @name". */
    CONNECTED("connected"),
    /** Telegram could not be reached to check the token; amber, Check again (the poller keeps trying). */
    UNVERIFIED("unverified"),
    /** Telegram answered 401: red, polling stops until a new token is connected. */
    REJECTED("rejected"),
    /** A webhook is set elsewhere: polling cannot work until the owner clicks Use this bot here. */
    WEBHOOK("webhook"),
    /** 409: another program reads this bot's updates; the poller backs off and tries again. */
    CONFLICT("conflict");

    private final String column;

    BotState(String column) {
        this.column = column;
    }

    @Override
    public String column() {
        return column;
    }

    /** The poller polls a bot in this state (while its agent runs). */
    public boolean isPollable() {
        return this == CONNECTED || this == UNVERIFIED || this == CONFLICT;
    }

    public static BotState fromColumn(String value) {
        return ColumnEnum.fromColumn(BotState.class, value);
    }
}
