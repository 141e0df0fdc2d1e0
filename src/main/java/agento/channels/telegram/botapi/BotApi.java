package agento.channels.telegram.botapi;

import agento.channels.telegram.botapi.Update.IncomingMessage;
import agento.common.Json;
import agento.common.OutboundHttp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Telegram Bot API over the JDK client ({@link OutboundHttp}: timeouts, no redirects, capped bodies): requests go
 * to {@code {base}/bot<token>/<method>} as Json.mapper(). The URL holds the token, so it never leaves this class: failures say
 * the method and Telegram's answer only. No retries here: the caller owns backoff.
 */
public final class BotApi {
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Long polls stay well under Telegram's 50 s; the HTTP timeout adds a margin on top. */
    public static final Duration MAX_LONG_POLL = Duration.ofSeconds(45);
    /** 100 updates of at most 4096 characters each fit easily. */
    private static final int MAX_BODY = 4 << 20;

    private final OutboundHttp http;
    private final String base;

    /** {@code base}: {@code https://api.telegram.org}, or a fake's address in tests (no trailing slash). */
    public BotApi(OutboundHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    public BotIdentity getMe(BotToken token) throws BotApiException {
        JsonNode me = call(token, "getMe", Map.of(), CALL_TIMEOUT);
        return new BotIdentity(me.path("id").asLong(), me.path("username").asText(""));
    }

    /** The webhook URL set on the bot, or "" when none is (then getUpdates works). */
    public String webhookUrl(BotToken token) throws BotApiException {
        return call(token, "getWebhookInfo", Map.of(), CALL_TIMEOUT).path("url").asText("");
    }

    /** Removes the bot's webhook, keeping the updates that wait for it. */
    public void deleteWebhook(BotToken token) throws BotApiException {
        call(token, "deleteWebhook", Map.of("drop_pending_updates", false), CALL_TIMEOUT);
    }

    /** Messages from {@code offset} on, waiting up to {@code wait} for one to arrive (long polling). */
    public List<Update> getUpdates(BotToken token, long offset, Duration wait) throws BotApiException {
        Duration poll = wait.compareTo(MAX_LONG_POLL) > 0 ? MAX_LONG_POLL : wait;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("offset", offset);
        params.put("timeout", poll.toSeconds());
        params.put("allowed_updates", List.of("message"));
        JsonNode result = call(token, "getUpdates", params, poll.plus(CALL_TIMEOUT));
        List<Update> updates = new ArrayList<>();
        for (JsonNode item : result) {
            updates.add(new Update(item.path("update_id").asLong(), message(item.get("message"))));
        }
        return updates;
    }

    /** Sends plain text (no parse mode: nothing in it is markup). */
    public void sendMessage(BotToken token, long chatId, String text) throws BotApiException {
        call(token, "sendMessage", Map.of("chat_id", chatId, "text", text), CALL_TIMEOUT);
    }

    /** Shows "typing…" (or another action) in the chat for about 5 seconds. */
    public void sendChatAction(BotToken token, long chatId, String action) throws BotApiException {
        call(token, "sendChatAction", Map.of("chat_id", chatId, "action", action), CALL_TIMEOUT);
    }

    private JsonNode call(BotToken token, String method, Map<String, Object> params, Duration timeout)
            throws BotApiException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/bot" + token.reveal() + "/" + method))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(params)))
                    .build();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw BotApiException.unreachable(method, "the request could not be built");
        }
        OutboundHttp.Answer answer;
        try {
            answer = http.send(request, timeout, MAX_BODY);
        } catch (OutboundHttp.Failure failure) {
            throw BotApiException.unreachable(method, failure.getMessage());
        }
        JsonNode root;
        try {
            root = answer.truncated() ? null : Json.mapper().readTree(answer.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw answer.status() >= 400 && answer.status() < 500
                    ? BotApiException.answered(method, answer.status(), "", 0)
                    : BotApiException.unreachable(method, "HTTP " + answer.status() + " without a Bot API answer");
        }
        if (root.path("ok").asBoolean(false)) {
            return root.path("result");
        }
        throw BotApiException.answered(method, root.path("error_code").asInt(answer.status()),
                root.path("description").asText(""), root.path("parameters").path("retry_after").asLong(0));
    }

    private static IncomingMessage message(JsonNode message) {
        if (message == null || !message.isObject()) {
            return null;
        }
        JsonNode from = message.path("from");
        String name = (from.path("first_name").asText("") + " " + from.path("last_name").asText("")).strip();
        if (name.isEmpty() && from.hasNonNull("username")) {
            name = "@" + from.path("username").asText();
        }
        JsonNode text = message.get("text");
        return new IncomingMessage(message.path("chat").path("id").asLong(), from.path("id").asLong(), name,
                text != null && text.isTextual() ? text.asText() : null);
    }
}
