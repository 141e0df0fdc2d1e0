package agento.channels.telegram.poller;

import agento.agents.AgentService;
import agento.channels.telegram.botapi.BotApi;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.common.BackgroundLoop;
import agento.common.BackgroundWorker;
import agento.provider.core.ConnectionHealth;
import agento.runtime.chat.RuntimeParts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/**
 * The Telegram poller. A pass on the shared background loop (every second, or at once after a change on the card)
 * starts a {@link BotPoll} for each bot whose agent runs and whose lease this server can take, stops the ones that
 * should no longer poll (agent stopped, bot disconnected or rejected), and tells owners about broken credentials.
 * Each bot long-polls on its own thread, so one slow reply never holds up another bot.
 */
public final class TelegramPoller implements BackgroundWorker {
    static final Duration PASS_EVERY = Duration.ofSeconds(1);
    static final Duration ALERTS_EVERY = Duration.ofSeconds(5);
    /** How long closing waits for replies being written to reach Telegram. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final TelegramBots bots;
    private final Leases leases;
    private final BotApi api;
    private final UpdateHandler handler;
    private final OwnerAlerts alerts;
    private final ReplySender sender;
    private final BackgroundLoop loop;
    private final Map<Long, BotPoll> polls = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "agento-telegram-bot");
        thread.setDaemon(true);
        return thread;
    });
    private long alertsDueAt = System.nanoTime();

    /** What the poller works with: the bot rows, who may talk, the runtime it hands messages to. */
    public record Parts(TelegramBots bots, Pairing pairing, AgentService agents, RuntimeParts runtime,
                        ConnectionHealth health) {}

    public TelegramPoller(Jdbi jdbi, Clock clock, BotApi api, Parts parts) {
        this.bots = parts.bots();
        this.api = api;
        this.leases = new Leases(jdbi, clock);
        this.sender = new ReplySender(api);
        this.handler = new UpdateHandler(parts.agents(), parts.pairing(), parts.runtime().relay(),
                parts.runtime().conversations(), parts.health(), sender);
        this.alerts = new OwnerAlerts(bots, parts.pairing(), parts.agents(), parts.health(), sender);
        this.loop = new BackgroundLoop("agento-telegram-poller", this::pass, PASS_EVERY, STOP_WAIT);
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Something changed on a Telegram card: look now rather than at the next pass. */
    public void wake() {
        loop.wake();
    }

    /** Bots this server polls right now (a figure for tests). */
    public int pollingCount() {
        return polls.size();
    }

    private Duration pass() {
        List<Long> pollable = leases.pollable();
        polls.forEach((agentId, poll) -> {
            if (!pollable.contains(agentId)) {
                poll.stop();
            }
        });
        for (long agentId : pollable) {
            if (loop.isRunning() && !polls.containsKey(agentId) && leases.take(agentId)) {
                BotPoll poll = new BotPoll(agentId, bots, leases, api, handler);
                polls.put(agentId, poll);
                threads.execute(() -> {
                    try {
                        poll.run();
                    } finally {
                        polls.remove(agentId, poll);
                    }
                });
            }
        }
        if (System.nanoTime() - alertsDueAt >= 0) {
            alertsDueAt = System.nanoTime() + ALERTS_EVERY.toNanos();
            alerts.pass();
        }
        return PASS_EVERY;
    }

    /** Stops polling: long polls end at once, a reply being written gets up to {@link #STOP_WAIT} to be sent. */
    @Override
    public void close() {
        loop.close();
        polls.values().forEach(BotPoll::stop);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
