package agento.tools;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeRemoteApi;
import agento.fakes.FakeResponsesApi;
import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agents calling connector actions as tools, over HTTP: the fake model calls a tool, Agento runs the action against
 * the fake remote API (allowlisted on 127.0.0.1) and hands the result back; the schema, the cap, failures, access.
 */
class ToolsHttpTest {
    static final String KEY = "sk-proj-ToolsChatKey0123456789AbCdEf";
    static final FakeRemoteApi remote = new FakeRemoteApi().acceptKey(ToolSteps.REMOTE_KEY);

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withAliceAndBob()
            .withEnv("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + remote.port());
    private final TestApp app = fixture.app();
    private final FakeResponsesApi model = fixture.openAiApi().responses();
    private ToolSteps alice;

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @BeforeEach
    void aliceHasARunningAgentAndAConnector() {
        alice = new ToolSteps(fixture.alice(), Accounts.connectAndStart(fixture.alice(), fixture.newAgent(), KEY), remote);
    }


    private List<FakeResponsesApi.Received> requestsSince(int count) {
        List<FakeResponsesApi.Received> all = model.requests();
        return all.subList(count, all.size());
    }

    private long latest(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void the_model_calls_a_tool_agento_runs_it_on_the_remote_and_the_reply_quotes_the_result() {
        long list = alice.action("List models", "GET", "/v1/models", "description", "The models this key can use");
        alice.use(list);
        model.callTool(alice.tool("List models"), "{}", "Let me look.");
        int before = model.requestCount();
        int remoteBefore = remote.requestCount();

        String page = alice.chat("Which models can I use?");

        assertThat(remote.requestCount()).isEqualTo(remoteBefore + 1);
        assertThat(remote.lastHeader("Authorization")).isEqualTo("Bearer " + ToolSteps.REMOTE_KEY);
        List<FakeResponsesApi.Received> sent = requestsSince(before);
        assertThat(sent).hasSize(2);
        JsonNode tool = sent.get(0).body().get("tools").get(0);
        assertThat(tool.get("name").asText()).isEqualTo(alice.tool("List models"));
        assertThat(tool.get("description").asText()).contains("The models this key can use").contains("GET /v1/models");
        assertThat(tool.get("parameters").toString()).isEqualTo("{\"type\":\"object\",\"properties\":{},\"required\":[],"
                + "\"additionalProperties\":false}");
        JsonNode input = sent.get(1).body().get("input");
        JsonNode call = input.get(input.size() - 2);
        JsonNode output = input.get(input.size() - 1);
        assertThat(call.get("type").asText()).isEqualTo("function_call");
        assertThat(output.get("type").asText()).isEqualTo("function_call_output");
        assertThat(output.get("call_id").asText()).isEqualTo(call.get("call_id").asText());
        assertThat(output.get("output").asText()).startsWith("HTTP 200 (Successful execution)").contains("gpt-4o-mini");
        assertThat(input.get(input.size() - 3).get("content").asText()).isEqualTo("Let me look.");
        assertThat(page).contains("Let me look.").contains("List models \u00b7 Remote").contains("HTTP 200")
                .containsPattern("\\d+ ms").contains("<summary>Result</summary>").contains("Tool result: HTTP 200")
                .contains("gpt-4o-mini").doesNotContain(ToolSteps.REMOTE_KEY);
        assertThat(page.indexOf("Let me look.")).isLessThan(page.indexOf("tool-call-"));
        assertThat(page.indexOf("tool-call-")).isLessThan(page.indexOf("Tool result: HTTP 200"));
        assertThat(fixture.alice().get("/connectors/" + alice.connector).body()).contains("id=\"used-by-" + list + "\"");
    }

    @Test
    void arguments_fill_only_the_inputs_and_arguments_that_do_not_fit_the_schema_never_reach_the_remote() {
        long echo = alice.action("Echo", "POST", "/echo/{{input.city}}", "body", "{\"note\": \"{{input.note}}\"}");
        alice.use(echo);
        model.callTool(alice.tool("Echo"), "{\"city\":\"Paris/../admin\",\"note\":\"{{REMOTE_KEY}} \\\"quoted\\\"\"}");

        alice.chat("Echo something");

        assertThat(remote.lastPath()).isEqualTo("/echo/Paris%2F..%2Fadmin");
        assertThat(remote.lastBody()).isEqualTo("{\"note\": \"{{REMOTE_KEY}} \\\"quoted\\\"\"}");
        int remoteBefore = remote.requestCount();
        for (String bad : new String[] {"{\"city\":\"Paris\"}", "{\"city\":5,\"note\":\"x\"}",
                "{\"city\":\"a\",\"note\":\"b\",\"baseUrl\":\"http://169.254.169.254\"}", "[\"Paris\"]", "not json"}) {
            model.callTool(alice.tool("Echo"), bad);
            int before = model.requestCount();
            String page = alice.chat("Again");
            assertThat(requestsSince(before).get(1).body().get("input").toString()).as(bad).contains("Not run: ");
            assertThat(page).contains("Refused");
        }
        assertThat(remote.requestCount()).isEqualTo(remoteBefore);
    }

    @Test
    void at_most_eight_calls_run_in_one_reply_then_the_model_is_told_to_answer() {
        alice.use(alice.action("List models", "GET", "/v1/models"));
        model.keepCallingTool(alice.tool("List models"), "{}");
        int remoteBefore = remote.requestCount();
        int before = model.requestCount();

        String page = alice.chat("Call it forever");

        assertThat(remote.requestCount()).isEqualTo(remoteBefore + 8);
        List<FakeResponsesApi.Received> sent = requestsSince(before);
        assertThat(sent).hasSize(9);
        assertThat(sent.get(7).body().get("tool_choice").asText()).isEqualTo("auto");
        assertThat(sent.get(8).body().get("tool_choice").asText()).isEqualTo("none");
        assertThat(page).contains("Tool result: HTTP 200");
        assertThat(page.split("class=\"tool-call ", -1)).hasSize(9);
    }

    @Test
    void the_calls_per_reply_are_set_per_agent_and_checked() {
        long list = alice.action("List models", "GET", "/v1/models");
        assertThat(alice.save(Map.of("maxToolCalls", "0"), list).status()).isEqualTo(303);
        assertThat(alice.client.get(alice.path("/settings")).body()).contains("Enter a whole number from 1 to 20.")
                .contains("value=\"0\"");
        WebClient.Response tooMany = alice.save(Map.of("maxToolCalls", "21"), list);
        assertThat(alice.client.follow(tooMany).body()).contains("Enter a whole number from 1 to 20.");
        alice.save(Map.of("maxToolCalls", "2"), list);
        model.keepCallingTool(alice.tool("List models"), "{}");
        int remoteBefore = remote.requestCount();

        String page = alice.chat("Call it");

        assertThat(remote.requestCount()).isEqualTo(remoteBefore + 2);
        assertThat(page.split("class=\"tool-call ", -1)).hasSize(3);
        assertThat(model.lastRequest().body().get("tool_choice").asText()).isEqualTo("none");
        assertThat(page).contains("Tool result:");
    }

    @Test
    void a_failing_tool_is_told_to_the_model_as_text_and_shown_and_the_reply_goes_on() {
        try (FakeRemoteApi notAllowed = new FakeRemoteApi()) {
            ToolSteps local = new ToolSteps(fixture.alice(), alice.agent, notAllowed);
            alice.use(alice.action("Status", "GET", "/down"), local.action("Local", "GET", "/anything"));
            model.callTool(alice.tool("Status"), "{}");
            String page = alice.chat("Is it up?");
            assertThat(page).contains("HTTP 503").contains("Failed").contains("Tool result: HTTP 503")
                    .contains("the service is down");

            model.callTool(local.tool("Local"), "{}");
            page = alice.chat("And the local one?");
            assertThat(page).contains("Tool result: The call failed: Blocked").contains("AGENTO_CONNECTOR_ALLOWED_HOSTS");
            assertThat(notAllowed.requestCount()).isZero();
        }
    }

    @Test
    void a_tool_that_is_not_the_agents_is_refused_politely_and_another_persons_actions_are_never_offered() {
        long list = alice.action("List models", "GET", "/v1/models");
        long bobAgent = Accounts.connectAndStart(fixture.bob(), Accounts.agent(fixture.bob(), "Bob's agent " + System.nanoTime()),
                KEY);
        ToolSteps bob = new ToolSteps(fixture.bob(), bobAgent, remote);
        bob.save(Map.of(), list);
        assertThat(fixture.bob().get(bob.path("/settings")).body()).doesNotContain("List models");
        assertThat(fixture.bob().post(alice.path("/tools"), Map.of("tool-" + list, "on")).status()).isEqualTo(404);
        int before = model.requestCount();

        bob.chat("Hello");

        assertThat(model.lastRequest().body().has("tools")).as("Bob's agent is offered no tools").isFalse();
        assertThat(model.requestCount()).isEqualTo(before + 1);

        alice.use(list);
        model.callTool("remote_0_delete_everything", "{}");
        String page = alice.chat("Delete it all");
        assertThat(page).contains("This agent has no tool called remote_0_delete_everything.");
    }
}
