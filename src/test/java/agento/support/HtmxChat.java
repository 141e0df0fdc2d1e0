package agento.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The web chat as a browser's htmx uses it, over the caller's HTTP/1.1 client: Send, then the reply's SSE stream. */
public final class HtmxChat {
    private static final Pattern STREAM = Pattern.compile("sse-connect=\"([^\"]+)\"");
    private static final Pattern CONVERSATION = Pattern.compile("name=\"conversation\" value=\"(\\d+)\"");

    private HtmxChat() {}

    /** What Send answered: the path of the reply's stream and the conversation it went to. */
    public record Sent(String stream, String conversation) {}

    /** Sends {@code message} in a new conversation; returns the path of the reply's stream. */
    public static String send(HttpClient http, TestApp app, WebClient person, long agent, String message)
            throws Exception {
        return send(http, app, person, agent, message, "").stream();
    }

    /**
     * Sends {@code message} with the session cookie and the CSRF header in {@code conversation} (blank: a new one),
     * as the page's form does once the first Send set its hidden field.
     */
    public static Sent send(HttpClient http, TestApp app, WebClient person, long agent, String message,
                            String conversation) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(sendPath(agent))))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(sendForm(message, conversation)));
        sendHeaders(person).forEach(request::header);
        HttpResponse<String> sent = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return sent(sent.statusCode(), sent.body());
    }

    /** Where Send posts. */
    public static String sendPath(long agent) {
        return "/agents/" + agent + "/chat/messages";
    }

    /** The headers htmx's Send carries: htmx's own, the CSRF token, the session cookie. */
    public static Map<String, String> sendHeaders(WebClient person) {
        return Map.of("HX-Request", "true", "X-CSRF-Token", person.csrfToken(),
                "Cookie", "AGENTO_SESSION=" + person.sessionId());
    }

    /** The form Send posts: the message, and the conversation (blank: a new one). */
    public static String sendForm(String message, String conversation) {
        return "message=" + URLEncoder.encode(message, StandardCharsets.UTF_8) + "&conversation=" + conversation;
    }

    /** What Send's answer (to htmx) says: the reply's stream and the conversation. */
    public static Sent sent(int status, String body) {
        Matcher stream = STREAM.matcher(body);
        Matcher id = CONVERSATION.matcher(body);
        if (!stream.find() || !id.find()) {
            throw new IllegalStateException("Send answered " + status);
        }
        return new Sent(stream.group(1), id.group(1));
    }

    /** Opens the reply's event stream; read it line by line ("event: delta", "event: done"). */
    public static BufferedReader open(HttpClient http, TestApp app, WebClient person, String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Accept", "text/event-stream").header("Cookie", "AGENTO_SESSION=" + person.sessionId())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }
}
