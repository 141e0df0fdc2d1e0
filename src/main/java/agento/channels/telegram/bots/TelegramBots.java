package agento.channels.telegram.bots;

import agento.agents.Agent;
import agento.channels.telegram.botapi.BotApi;
import agento.channels.telegram.botapi.BotApiException;
import agento.channels.telegram.botapi.BotIdentity;
import agento.channels.telegram.botapi.BotToken;
import agento.common.InvalidInputException;
import agento.db.Reads;
import agento.vault.SecretRef;
import agento.vault.SecretStore;
import agento.vault.SecretUnreadableException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * An agent's Telegram bot: Connect Telegram (the token checked with getMe, then kept only in the vault), Check
 * again, Use this bot here (deleteWebhook, only when the owner asks), the policy, Disconnect Telegram.
 */
public final class TelegramBots {
    // read for every Settings page: a fluent read (see Reads)
    private static final String FIND = "SELECT * FROM telegram_bots WHERE agent_id = :agent";
    // read by the poller's every pass: fluent too
    private static final String ALL = "SELECT * FROM telegram_bots ORDER BY agent_id";
    private static final RowMapper<TelegramBot> BOTS = Reads.rowsOf(TelegramBot.class);
    public static final String REJECTED = "Telegram rejected this bot token.";
    public static final String UNVERIFIED = "Couldn't reach Telegram to check the token. Agento keeps trying while "
            + "the agent runs; click Check again to look now.";
    public static final String WEBHOOK = "This bot has a webhook set elsewhere, so Telegram does not let Agento read "
            + "its messages. Use this bot here removes that webhook: the other program stops getting messages.";
    public static final String CONFLICT = "Another program is reading this bot's messages. Agento backs off and "
            + "tries again; stop the other program or give this agent a bot of its own.";
    static final String UNREADABLE = "The saved bot token can no longer be decrypted. Connect Telegram again.";

    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final BotApi api;
    private final Clock clock;
    private volatile Runnable changed = () -> { };

    public TelegramBots(Jdbi jdbi, SecretStore secrets, BotApi api, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.api = api;
        this.clock = clock;
    }

    /** {@code listener} runs after every change on the card, so the poller looks at once (starts or stops polling). */
    public void onChange(Runnable listener) {
        this.changed = listener;
    }

    /** Where the agent's bot token lives in the vault. */
    public static SecretRef tokenRef(long agentId) {
        return SecretRef.of("agent", agentId, "telegram_bot_token");
    }

    public Optional<TelegramBot> find(long agentId) {
        return Reads.one(jdbi, FIND, BOTS, "agent", agentId);
    }

    public List<TelegramBot> all() {
        return Reads.list(jdbi, ALL, BOTS);
    }

    /** The stored token; empty (and the card turns red) when none is stored or it no longer decrypts. */
    public Optional<BotToken> token(long agentId) {
        try {
            Optional<BotToken> token = secrets.read(tokenRef(agentId)).flatMap(BotToken::parse);
            if (token.isEmpty()) {
                setState(agentId, BotState.REJECTED, UNREADABLE, null);
            }
            return token;
        } catch (SecretUnreadableException e) {
            setState(agentId, BotState.REJECTED, UNREADABLE, null);
            return Optional.empty();
        }
    }

    /**
     * Connect Telegram: checks the token with getMe (and getWebhookInfo) and stores it. A token Telegram rejects is
     * not stored; when Telegram cannot be reached the token is stored as Unverified.
     *
     * @throws InvalidInputException ("botToken") for a blank or malformed token, one Telegram rejects, or a bot
     *     another agent already uses
     */
    public TelegramBot connect(Agent agent, String raw) {
        BotToken token = BotToken.parse(raw).orElseThrow(() -> new InvalidInputException("botToken",
                raw == null || raw.isBlank() ? "Paste the bot token @BotFather gave you."
                        : "This is not a bot token: @BotFather gives one like 123456789:AAE\u2026 (a number, a colon, "
                        + "then about 35 letters, digits, - and _)."));
        Check check = check(token);
        if (check.state() == BotState.REJECTED) {
            throw new InvalidInputException("botToken", REJECTED);
        }
        try {
            jdbi.useTransaction(h -> {
                BotRepository bots = h.attach(BotRepository.class);
                String state = check.state().column();
                if (bots.replace(agent.id(), token.botId(), check.username(), token.hint(), state, check.reason(),
                        clock.instant()) == 0) {
                    bots.insert(agent.id(), token.botId(), check.username(), token.hint(), state, check.reason(),
                            clock.instant());
                }
                secrets.put(h, tokenRef(agent.id()), token.reveal());
            });
        } catch (UnableToExecuteStatementException e) {
            if (String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT).contains("TELEGRAM_BOTS_BOT_UNIQUE")) {
                throw new InvalidInputException("botToken", "This bot is already connected to another agent. Each "
                        + "agent needs a bot of its own: make another one with @BotFather.");
            }
            throw e;
        }
        changed.run();
        return find(agent.id()).orElseThrow();
    }

    /** Check again: asks Telegram about the stored token and shows what it says. */
    public void checkAgain(Agent agent) {
        token(agent.id()).ifPresent(token -> {
            Check check = check(token);
            setState(agent.id(), check.state(), check.reason(), check.username());
        });
        changed.run();
    }

    /** Use this bot here: deletes the webhook set elsewhere (only ever on this click), then checks again. */
    public void useHere(Agent agent) {
        Optional<BotToken> token = token(agent.id());
        if (token.isEmpty()) {
            return;
        }
        try {
            api.deleteWebhook(token.get());
        } catch (BotApiException e) {
            throw new InvalidInputException("telegram", e.kind() == BotApiException.Kind.UNAUTHORIZED ? REJECTED
                    : "Couldn't reach Telegram to remove the webhook. Try again in a moment.");
        }
        checkAgain(agent);
    }

    /** Disconnect Telegram: the token, the bot and its people are removed; polling stops. */
    public void disconnect(Agent agent) {
        jdbi.useTransaction(h -> {
            secrets.delete(h, tokenRef(agent.id()));
            h.attach(BotRepository.class).deleteUsers(agent.id());
            h.attach(BotRepository.class).delete(agent.id());
        });
        changed.run();
    }

    /** @throws InvalidInputException ("policy") for a value that is not one of the three */
    public void setPolicy(Agent agent, String raw) {
        Policy policy = Policy.parse(raw).orElseThrow(() -> new InvalidInputException("policy",
                "Choose who can talk to this agent."));
        jdbi.useExtension(BotRepository.class, r -> r.updatePolicy(agent.id(), policy.column(), clock.instant()));
    }

    /** What the poller learned (a 401, a 409, a webhook, or that all is well again); {@code username} may be null. */
    public void setState(long agentId, BotState state, String reason, String username) {
        jdbi.useExtension(BotRepository.class,
                r -> r.updateState(agentId, state.column(), reason, username, clock.instant()));
    }

    /** Claims telling the owner that the OpenAI connection is in {@code state}; true for exactly one caller. */
    public boolean claimAlert(long agentId, String state) {
        return jdbi.withExtension(BotRepository.class, r -> r.claimAlert(agentId, state)) == 1;
    }

    /** The connection works again: the next failure is told again. */
    public void clearAlert(long agentId) {
        jdbi.useExtension(BotRepository.class, r -> r.clearAlert(agentId));
    }

    private record Check(BotState state, String username, String reason) {}

    private Check check(BotToken token) {
        try {
            BotIdentity me = api.getMe(token);
            boolean webhook = !api.webhookUrl(token).isEmpty();
            return new Check(webhook ? BotState.WEBHOOK : BotState.CONNECTED, me.username(), webhook ? WEBHOOK : null);
        } catch (BotApiException e) {
            return e.kind() == BotApiException.Kind.UNAUTHORIZED ? new Check(BotState.REJECTED, null, REJECTED)
                    : new Check(BotState.UNVERIFIED, null, UNVERIFIED);
        }
    }
}
