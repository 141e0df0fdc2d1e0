package agento.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's Bot API on 127.0.0.1: {@code /bot<token>/<method>} with getMe, getUpdates (real offsets: an update is
 * forgotten once a later offset confirms it; long polls wait for a message or their timeout; a newer getUpdates ends
 * an older one with 409, as Telegram does), sendMessage and sendChatAction (recorded), getWebhookInfo, deleteWebhook.
 * Unknown tokens get 401; {@link #failNext} answers 409, 429, 500... on demand; {@link #userWrites} is a person
 * writing to a bot.
 */
public final class FakeTelegramApi extends LoopbackServer {
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/(\\w+)");

    /** Something the bot sent: a message, or a chat action such as "typing". */
    public record Sent(long botId, long chatId, String text) {}

    private static final class Bot {
        final long id;
        final String username;
        final List<Map<String, Object>> updates = new ArrayList<>();
        long nextUpdateId = 100;
        long confirmed;
        String webhook = "";
        int pollGeneration;

        Bot(long id, String username) {
            this.id = id;
            this.username = username;
        }
    }

    private record Failure(int status, String description, long retryAfter) {}

    private final Object lock = new Object();
    private final Map<String, Bot> bots = new ConcurrentHashMap<>();
    private final Map<String, List<Failure>> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Sent> messages = new CopyOnWriteArrayList<>();
    private final List<Sent> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger pollConflicts = new AtomicInteger();
    private final List<Call> paths = new CopyOnWriteArrayList<>();

    private record Call(String path, long nanoTime) {}

    public FakeTelegramApi() {
        super("fake-telegram-api");
        start(this::route);
    }

    /** The base URL for AGENTO_TELEGRAM_API_BASE. */
    public String baseUrl() {
        return origin();
    }

    /** A bot Telegram knows: {@code token} is "<id>:<secret>". */
    public FakeTelegramApi addBot(String token, String username) {
        bots.put(token, new Bot(Long.parseLong(token.substring(0, token.indexOf(':'))), username));
        return this;
    }

    /** BotFather revoked the token: every call with it gets 401 from now on, a waiting long poll too. */
    public void revoke(String token) {
        synchronized (lock) {
            bots.remove(token);
            lock.notifyAll();
        }
    }

    public void setWebhook(String token, String url) {
        synchronized (lock) {
            bots.get(token).webhook = url;
        }
    }

    public String webhook(String token) {
        synchronized (lock) {
            return bots.get(token).webhook;
        }
    }

    /**
     * The next {@code times} calls of {@code method} with {@code token} fail with {@code status} and
     * {@code description} (with {@code retryAfter} seconds when it is not 0).
     */
    public void failNext(String token, String method, int status, String description, long retryAfter, int times) {
        List<Failure> queue = failures.computeIfAbsent(token + "/" + method, m -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(status, description, retryAfter));
        }
    }

    /** A person writes {@code text} to the bot in their private chat (whose id is their user id). */
    public void userWrites(String token, long userId, String firstName, String text) {
        Map<String, Object> from = Map.of("id", userId, "is_bot", false, "first_name", firstName);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", System.nanoTime() % 1_000_000);
        message.put("from", from);
        message.put("chat", Map.of("id", userId, "type", "private", "first_name", firstName));
        message.put("date", System.currentTimeMillis() / 1000);
        if (text != null) {
            message.put("text", text);
        }
        synchronized (lock) {
            Bot bot = bots.get(token);
            bot.updates.add(Map.of("update_id", bot.nextUpdateId++, "message", message));
            lock.notifyAll();
        }
    }

    /** Texts the bot sent to {@code chatId}, in order. */
    public List<String> sentTo(long chatId) {
        return messages.stream().filter(m -> m.chatId() == chatId).map(Sent::text).toList();
    }

    public List<Sent> messages() {
        return List.copyOf(messages);
    }

    /** Chat actions ("typing") the bot sent to {@code chatId}. */
    public long actionsTo(long chatId) {
        return actions.stream().filter(a -> a.chatId() == chatId).count();
    }

    public int calls(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    /** Calls of {@code method} with {@code token}. */
    public long calls(String token, String method) {
        return callTimes(token, method).size();
    }

    /** When each call of {@code method} with {@code token} arrived ({@link System#nanoTime()}). */
    public List<Long> callTimes(String token, String method) {
        return paths.stream().filter(c -> c.path().equals("/bot" + token + "/" + method)).map(Call::nanoTime).toList();
    }

    /** Long polls a newer getUpdates ended with 409 (two pollers on one bot). */
    public int pollConflicts() {
        return pollConflicts.get();
    }

    /** Updates the bot has not confirmed yet (still delivered by getUpdates). */
    public int unconfirmed(String token) {
        synchronized (lock) {
            Bot bot = bots.get(token);
            return (int) bot.updates.stream().filter(u -> (long) u.get("update_id") >= bot.confirmed).count();
        }
    }

    private void route(HttpExchange exchange) throws Exception {
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!m.matches()) {
            sendJson(exchange, 404, error(404, "Not Found"));
            return;
        }
        paths.add(new Call(exchange.getRequestURI().getPath(), System.nanoTime()));
        String method = m.group(2);
        calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
        String text = body(exchange);
        JsonNode params = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        Bot bot = bots.get(m.group(1));
        List<Failure> queue = failures.getOrDefault(m.group(1) + "/" + method, List.of());
        Failure failure = queue.isEmpty() ? null : queue.remove(0);
        if (failure != null) {
            Map<String, Object> answer = error(failure.status(), failure.description());
            if (failure.retryAfter() > 0) {
                answer.put("parameters", Map.of("retry_after", failure.retryAfter()));
            }
            sendJson(exchange, failure.status(), answer);
        } else if (bot == null) {
            sendJson(exchange, 401, error(401, "Unauthorized"));
        } else {
            answer(exchange, bot, method, params);
        }
    }

    private void answer(HttpExchange exchange, Bot bot, String method, JsonNode params) throws Exception {
        switch (method) {
            case "getMe" -> sendJson(exchange, 200, ok(Map.of("id", bot.id, "is_bot", true, "first_name", "Bot",
                    "username", bot.username)));
            case "getWebhookInfo" -> {
                synchronized (lock) {
                    sendJson(exchange, 200, ok(Map.of("url", bot.webhook, "pending_update_count", bot.updates.size())));
                }
            }
            case "deleteWebhook" -> {
                setWebhookOf(bot, "");
                sendJson(exchange, 200, ok(true));
            }
            case "getUpdates" -> getUpdates(exchange, bot, params);
            case "sendMessage" -> {
                String text = params.path("text").asText();
                if (text.length() > 4096) {
                    sendJson(exchange, 400, error(400, "Bad Request: message is too long"));
                    return;
                }
                messages.add(new Sent(bot.id, params.path("chat_id").asLong(), text));
                sendJson(exchange, 200, ok(Map.of("message_id", messages.size(), "text", text)));
            }
            case "sendChatAction" -> {
                actions.add(new Sent(bot.id, params.path("chat_id").asLong(), params.path("action").asText()));
                sendJson(exchange, 200, ok(true));
            }
            default -> sendJson(exchange, 404, error(404, "Not Found: method not found"));
        }
    }

    private void setWebhookOf(Bot bot, String url) {
        synchronized (lock) {
            bot.webhook = url;
        }
    }

    private void getUpdates(HttpExchange exchange, Bot bot, JsonNode params) throws Exception {
        long offset = params.path("offset").asLong(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.min(params.path("timeout").asLong(0), 50)).toNanos();
        List<Map<String, Object>> result;
        synchronized (lock) {
            if (!bot.webhook.isEmpty()) {
                sendJson(exchange, 409, error(409, "Conflict: can't use getUpdates method while webhook is active; "
                        + "use deleteWebhook to delete the webhook first"));
                return;
            }
            int generation = ++bot.pollGeneration;
            lock.notifyAll();
            bot.confirmed = Math.max(bot.confirmed, offset);
            while (true) {
                if (!bots.containsValue(bot)) {
                    sendJson(exchange, 401, error(401, "Unauthorized"));
                    return;
                }
                if (bot.pollGeneration != generation) {
                    pollConflicts.incrementAndGet();
                    sendJson(exchange, 409, error(409, "Conflict: terminated by other getUpdates request; make sure "
                            + "that only one bot instance is running"));
                    return;
                }
                result = bot.updates.stream().filter(u -> (long) u.get("update_id") >= bot.confirmed).limit(100)
                        .toList();
                long left = deadline - System.nanoTime();
                if (!result.isEmpty() || left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        sendJson(exchange, 200, ok(result));
    }

    private static Map<String, Object> ok(Object result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("result", result);
        return answer;
    }

    private static Map<String, Object> error(int code, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error_code", code);
        answer.put("description", description);
        return answer;
    }
}
