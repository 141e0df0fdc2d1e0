package agento.channels.telegram.poller;

import agento.channels.telegram.botapi.BotApi;
import agento.channels.telegram.botapi.BotApiException;
import agento.channels.telegram.botapi.BotToken;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends to a Telegram chat: text in parts of at most 4,096 characters, as plain text (nothing is parsed as markup),
 * and "typing…" every 4 s while the model works. Failures are logged (without the token) and not retried, except a
 * 429, which waits what Telegram asked once.
 */
final class ReplySender implements AutoCloseable {
    static final Duration TYPING_EVERY = Duration.ofSeconds(4);
    private static final Duration MAX_RATE_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);

    private final BotApi api;
    private final ScheduledExecutorService typing;

    ReplySender(BotApi api) {
        this.api = api;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "agento-telegram-typing");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.typing = executor;
    }

    /** Sends {@code text} to the chat; false when Telegram did not take (all of) it. */
    boolean send(BotToken token, long chatId, String text) {
        for (String part : MessageSplitter.split(text, MessageSplitter.MAX)) {
            if (!sendPart(token, chatId, part)) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code work} while the chat shows "typing…"; {@code tick} runs with every repeat (the lease's renewal). */
    void typingWhile(BotToken token, long chatId, Runnable work, Runnable tick) {
        ScheduledFuture<?> repeat = typing.scheduleAtFixedRate(() -> {
            try {
                tick.run();
                api.sendChatAction(token, chatId, "typing");
            } catch (BotApiException | RuntimeException e) {
                log.debug("Telegram typing action failed: {}", e.getMessage());
            }
        }, 0, TYPING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            work.run();
        } finally {
            repeat.cancel(false);
        }
    }

    private boolean sendPart(BotToken token, long chatId, String part) {
        for (int attempt = 1; ; attempt++) {
            try {
                api.sendMessage(token, chatId, part);
                return true;
            } catch (BotApiException e) {
                if (e.kind() != BotApiException.Kind.RATE_LIMITED || attempt > 1
                        || e.retryAfter().compareTo(MAX_RATE_WAIT) > 0) {
                    log.warn("Telegram message to chat {} of bot {} not sent: {}", chatId, token.botId(),
                            e.getMessage());
                    return false;
                }
                if (!sleep(e.retryAfter())) {
                    return false;
                }
            }
        }
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(1000, wait.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        typing.shutdownNow();
    }
}
