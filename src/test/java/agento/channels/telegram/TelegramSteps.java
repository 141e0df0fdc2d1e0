package agento.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeTelegramApi;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Steps the Telegram tests share: fresh bot tokens, an agent connected to OpenAI and to a bot, waiting. */
final class TelegramSteps {
    static final String KEY = "sk-proj-TelegramChatKey0123456789AbCd";
    private static final AtomicLong BOTS = new AtomicLong(7_000_000_000L + System.nanoTime() % 1_000_000 * 1000);

    private TelegramSteps() {}

    /** Agento with OpenAI's API faked (accepting {@link #KEY}) and pointed at {@code telegram}. */
    static AgentoFixture agentoWith(FakeTelegramApi telegram) {
        return AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withEnv("AGENTO_TELEGRAM_API_BASE", telegram.baseUrl());
    }

    /** A token Telegram knows, for a bot of its own ("<id>:<35 characters>", recognisable in a canary scan). */
    static String newBot(FakeTelegramApi telegram, String username) {
        long id = BOTS.incrementAndGet();
        String token = id + ":AAHcanaryTelegramToken" + Long.toString(id, 36) + "xYz9_-Q";
        telegram.addBot(token, username);
        return token;
    }

    /** An agent of {@code owner}'s with the OpenAI key connected (not started yet). */
    static long agentWithKey(WebClient owner) {
        long agent = Accounts.agent(owner, "Agent " + System.nanoTime());
        assertThat(owner.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY)).status())
                .isEqualTo(303);
        return agent;
    }

    static WebClient.Response connect(WebClient owner, long agent, String token) {
        return owner.post("/agents/" + agent + "/telegram/connect", Map.of("botToken", token));
    }

    static void start(WebClient owner, long agent) {
        assertThat(owner.post("/agents/" + agent + "/start", Map.of()).status()).isEqualTo(303);
    }

    static String settings(WebClient owner, long agent) {
        return owner.get("/agents/" + agent + "/settings").body();
    }

    static WebClient.Response post(WebClient owner, long agent, String path, Map<String, String> form) {
        return owner.post("/agents/" + agent + "/telegram" + path, form);
    }

    /** Waits (up to 15 s) until {@code condition} holds. */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until {@code chat} has received {@code count} messages and returns the last one. */
    static String nthReply(FakeTelegramApi telegram, long chat, int count) {
        eventually(count + " message(s) to chat " + chat, () -> telegram.sentTo(chat).size() >= count);
        return telegram.sentTo(chat).get(count - 1);
    }

    static <T> T stays(Duration period, Supplier<T> value) {
        sleep(period);
        return value.get();
    }

    static void sleep(Duration period) {
        try {
            Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
