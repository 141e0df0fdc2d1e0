package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.agentWithKey;
import static agento.channels.telegram.TelegramSteps.connect;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.nthReply;
import static agento.channels.telegram.TelegramSteps.post;
import static agento.channels.telegram.TelegramSteps.start;
import static org.assertj.core.api.Assertions.assertThat;

import agento.connectors.ConnectorSteps;
import agento.fakes.FakeRemoteApi;
import agento.fakes.FakeTelegramApi;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tool that asks before running, on Telegram: the question arrives in the chat and "yes" or "no" answers it. */
class TelegramToolsHttpTest {
    static final FakeTelegramApi telegram = new FakeTelegramApi();
    static final FakeRemoteApi remote = new FakeRemoteApi();

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeFakesLast = context -> {
        telegram.close();
        remote.close();
    };

    @RegisterExtension
    @Order(2)
    static final AgentoFixture fixture = TelegramSteps.agentoWith(telegram).withAlice()
            .withEnv("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + remote.port());
    private final WebClient alice = fixture.alice();

    private String runningAgentWithAnAskingTool(String connectorName) {
        fixture.openAiApi().responses().deltaDelay(Duration.ofMillis(1));
        long agent = agentWithKey(alice);
        long connector = ConnectorSteps.connector(alice, ConnectorSteps.fields("name", connectorName,
                "baseUrl", remote.origin(), "authType", "none"));
        long note = ConnectorSteps.action(alice, connector, "POST", "/echo/notes", "name", "Create note",
                "body", "{\"text\": \"{{input.text}}\"}");
        alice.post("/agents/" + agent + "/tools", Map.of("tool-" + note, "on", "ask-" + note, "on",
                "maxToolCalls", "8"));
        String token = newBot(telegram, "tools_bot");
        connect(alice, agent, token);
        post(alice, agent, "/users", Map.of("userId", "6001"));
        start(alice, agent);
        return token;
    }

    @Test
    void the_question_comes_to_the_chat_and_yes_runs_the_tool_then_no_is_told_to_the_model() {
        String token = runningAgentWithAnAskingTool("Notes");
        fixture.openAiApi().responses().callTool("notes_create_note", "{\"text\":\"buy milk\"}");
        int before = remote.requestCount();

        telegram.userWrites(token, 6001, "Ann", "Note: buy milk");

        assertThat(nthReply(telegram, 6001, 1)).contains("Create note \u00b7 Notes").contains("buy milk")
                .contains("Answer yes or no");
        assertThat(remote.requestCount()).isEqualTo(before);
        telegram.userWrites(token, 6001, "Ann", "maybe");
        assertThat(nthReply(telegram, 6001, 2)).startsWith("Please answer yes or no first.");
        telegram.userWrites(token, 6001, "Ann", "Yes");
        assertThat(nthReply(telegram, 6001, 3)).startsWith("Tool result: HTTP 200");
        assertThat(remote.requestCount()).isEqualTo(before + 1);

        fixture.openAiApi().responses().callTool("notes_create_note", "{\"text\":\"sell the car\"}");
        telegram.userWrites(token, 6001, "Ann", "Note: sell the car");
        assertThat(nthReply(telegram, 6001, 4)).contains("sell the car");
        telegram.userWrites(token, 6001, "Ann", "no");
        assertThat(nthReply(telegram, 6001, 5)).startsWith("Tool result: The person denied this call");
        assertThat(remote.requestCount()).isEqualTo(before + 1);
    }
}
