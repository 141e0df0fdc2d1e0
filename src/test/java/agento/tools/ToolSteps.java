package agento.tools;

import static org.assertj.core.api.Assertions.assertThat;

import agento.connectors.ConnectorSteps;
import agento.fakes.FakeRemoteApi;
import agento.support.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One person's agent with a connector to the fake remote API, over HTTP: its actions, Save tools, and chatting
 * without JavaScript (each step asserts that it worked).
 */
final class ToolSteps {
    static final String REMOTE_KEY = "rk-live-ToolsRemoteKey0123456789QzWx";
    private static final AtomicInteger CONNECTORS = new AtomicInteger();

    final WebClient client;
    final long agent;
    final long connector;
    private final String prefix;
    private String conversation = "";

    /** A new connector "Remote N" (Bearer {{REMOTE_KEY}}) for {@code agent}, which is connected and running. */
    ToolSteps(WebClient client, long agent, FakeRemoteApi remote) {
        this.client = client;
        this.agent = agent;
        int n = CONNECTORS.incrementAndGet();
        if (client.get("/connectors/variables").body().contains("REMOTE_KEY") == false) {
            ConnectorSteps.variable(client, "REMOTE_KEY", REMOTE_KEY);
        }
        this.connector = ConnectorSteps.connector(client, ConnectorSteps.headerAuth("Remote " + n, remote.origin(),
                "{{REMOTE_KEY}}"));
        this.prefix = "remote_" + n + "_";
    }

    /** The tool name of this connector's action {@code actionName} ("List models" → remote_3_list_models). */
    String tool(String actionName) {
        return prefix + actionName.toLowerCase().replaceAll("[^a-z0-9]+", "_");
    }

    long action(String name, String method, String path, String... more) {
        Map<String, String> fields = ConnectorSteps.fields(more);
        fields.put("name", name);
        return ConnectorSteps.action(client, connector, method, path, fields.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    }

    /** Save tools with these actions ticked, none asking first. */
    WebClient.Response use(long... actions) {
        return save(Map.of(), actions);
    }

    /** Save tools with these actions ticked, each asking first. */
    WebClient.Response useAsking(long... actions) {
        Map<String, String> asks = new HashMap<>();
        for (long a : actions) {
            asks.put("ask-" + a, "on");
        }
        return save(asks, actions);
    }

    WebClient.Response save(Map<String, String> more, long... actions) {
        Map<String, String> fields = new HashMap<>(more);
        fields.putIfAbsent("maxToolCalls", "8");
        for (long a : actions) {
            fields.put("tool-" + a, "on");
        }
        WebClient.Response saved = client.post(path("/tools"), fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        return saved;
    }

    String path(String rest) {
        return "/agents/" + agent + rest;
    }

    /** Sends without JavaScript; the page comes back once the reply is finished or asks to Allow a call. */
    String chat(String text) {
        WebClient.Response sent = client.post(path("/chat/messages"), Map.of("message", text,
                "conversation", conversation));
        assertThat(sent.status()).as(sent.body()).isEqualTo(303);
        conversation = sent.location().replaceAll(".*[?]c=(\\d+).*", "$1");
        return client.get(sent.location().replaceAll("#.*", "")).body();
    }

    /** Clicks Allow or Deny in a page without JavaScript; the page comes back once the reply settles again. */
    String answer(long message, long call, boolean allow) {
        WebClient.Response r = client.post(path("/chat/replies/" + message + "/calls/" + call
                + (allow ? "/allow" : "/deny")), Map.of());
        assertThat(r.status()).isEqualTo(303);
        return client.get(r.location().replaceAll("#.*", "")).body();
    }
}
