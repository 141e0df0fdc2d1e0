package agento.channels.telegram.poller;

import agento.channels.telegram.botapi.BotApi;
import agento.channels.telegram.botapi.BotApiException;
import agento.channels.telegram.botapi.BotToken;
import agento.channels.telegram.botapi.Update;
import agento.channels.telegram.bots.BotState;
import agento.channels.telegram.bots.TelegramBot;
import agento.channels.telegram.bots.TelegramBots;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot's long-poll loop, on its own thread while this server holds the bot's lease: renew the lease, getUpdates
 * from the stored offset, hand each update to the {@link UpdateHandler}. 401 stops it (red), a webhook stops it, 409
 * and network errors back off (capped), 429 waits what Telegram says. {@link #stop()} cuts a long poll or a backoff
 * short, never a message being answered.
 */
final class BotPoll implements Runnable {
    static final Duration LONG_POLL = Duration.ofSeconds(25);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);

    private final long agentId;
    private final TelegramBots bots;
    private final Leases leases;
    private final BotApi api;
    private final UpdateHandler handler;
    private final Object lock = new Object();
    private boolean running = true;
    private Thread interruptible;
    private Duration backoff = FIRST_BACKOFF;

    BotPoll(long agentId, TelegramBots bots, Leases leases, BotApi api, UpdateHandler handler) {
        this.agentId = agentId;
        this.bots = bots;
        this.leases = leases;
        this.api = api;
        this.handler = handler;
    }

    /** Ends the loop: at once when it waits on Telegram or backs off, else after the message in hand. */
    void stop() {
        synchronized (lock) {
            running = false;
            if (interruptible != null) {
                interruptible.interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            while (isRunning() && round()) {
                // next round
            }
        } catch (RuntimeException e) {
            log.warn("Telegram poller for agent {} stopped: {}", agentId, e.toString());
        } finally {
            leases.release(agentId);
        }
    }

    /** One getUpdates and its updates; false when this bot should no longer be polled here. */
    private boolean round() {
        Optional<TelegramBot> row = bots.find(agentId);
        if (row.isEmpty() || !leases.renew(agentId, row.get().botId())) {
            return false;
        }
        TelegramBot bot = row.get();
        Optional<BotToken> token = bots.token(agentId);
        if (token.isEmpty()) {
            return false;
        }
        List<Update> updates;
        try {
            updates = interruptibly(() -> api.getUpdates(token.get(), bot.updateOffset(), LONG_POLL));
            if (bot.stateEnum() != BotState.CONNECTED) {
                bots.setState(agentId, BotState.CONNECTED, null, interruptibly(() -> api.getMe(token.get())).username());
            }
        } catch (BotApiException e) {
            return isRunning() && failed(bot, e);
        } catch (InterruptedException e) {
            return false;
        }
        backoff = FIRST_BACKOFF;
        for (Update update : updates) {
            // the policy may have changed during the long poll: each message meets the current one
            Optional<TelegramBot> current = bots.find(agentId).filter(b -> b.botId() == bot.botId());
            if (!isRunning() || current.isEmpty() || !leases.renew(agentId, bot.botId())) {
                return false;
            }
            boolean handled = handler.handle(current.get(), token.get(), update,
                    () -> leases.advance(agentId, bot.botId(), update.id() + 1),
                    () -> leases.renew(agentId, bot.botId()));
            if (!handled) {
                return false;
            }
        }
        return true;
    }

    private boolean failed(TelegramBot bot, BotApiException e) {
        log.info("Telegram poller for agent {}: {}", agentId, e.getMessage());
        switch (e.kind()) {
            case UNAUTHORIZED:
                bots.setState(agentId, BotState.REJECTED, TelegramBots.REJECTED, null);
                return false;
            case CONFLICT:
                if (e.isWebhook()) {
                    bots.setState(agentId, BotState.WEBHOOK, TelegramBots.WEBHOOK, null);
                    return false;
                }
                if (bot.stateEnum() != BotState.CONFLICT) {
                    bots.setState(agentId, BotState.CONFLICT, TelegramBots.CONFLICT, null);
                }
                return pause(nextBackoff());
            case RATE_LIMITED:
                return pause(e.retryAfter().isZero() ? nextBackoff() : e.retryAfter());
            default:
                return pause(nextBackoff());
        }
    }

    private Duration nextBackoff() {
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        return wait;
    }

    private boolean pause(Duration wait) {
        try {
            interruptibly(() -> {
                Thread.sleep(wait.toMillis());
                return null;
            });
            return true;
        } catch (InterruptedException | BotApiException e) {
            return false;
        }
    }

    private interface Call<T> {
        T run() throws BotApiException, InterruptedException;
    }

    // only here may stop() interrupt this thread: an interrupt must never reach a reply being written
    private <T> T interruptibly(Call<T> call) throws BotApiException, InterruptedException {
        synchronized (lock) {
            if (!running) {
                throw new InterruptedException("stopping");
            }
            interruptible = Thread.currentThread();
        }
        try {
            return call.run();
        } finally {
            synchronized (lock) {
                interruptible = null;
                Thread.interrupted();
            }
        }
    }

    private boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }
}
