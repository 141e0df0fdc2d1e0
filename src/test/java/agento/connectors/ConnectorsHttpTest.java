package agento.connectors;

import static agento.connectors.ConnectorSteps.action;
import static agento.connectors.ConnectorSteps.connector;
import static agento.connectors.ConnectorSteps.fields;
import static agento.connectors.ConnectorSteps.headerAuth;
import static agento.connectors.ConnectorSteps.test;
import static agento.connectors.ConnectorSteps.variable;
import static agento.connectors.ConnectorSteps.with;
import static org.assertj.core.api.Assertions.assertThat;

import agento.connectors.core.ToolAction;
import agento.connectors.run.RunResult;
import agento.fakes.FakeRemoteApi;
import agento.support.Accounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connectors over HTTP against the real app, with a fake remote API on 127.0.0.1 reached through the allowlist. */
class ConnectorsHttpTest {
    static final String KEY = "rk-live-HttpTestKey0123456789AbCd";
    private static FakeRemoteApi api;
    private static FakeRemoteApi other;
    private static TestApp app;
    private static WebClient alice;

    @BeforeAll
    static void start() {
        api = new FakeRemoteApi().acceptKey(KEY).acceptBasic("ann", KEY);
        other = new FakeRemoteApi();
        app = TestApp.start(Map.of("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + api.port()), Clock.systemUTC());
        alice = Accounts.admin(app, "alice@example.com");
        variable(alice, "API_KEY", KEY);
    }

    @AfterAll
    static void stop() {
        app.close();
        api.close();
        other.close();
    }

    private static String name() {
        return "C" + System.nanoTime();
    }

    @Test
    void header_auth_with_a_variable_reaches_the_fake_and_shows_a_successful_execution() {
        long c = connector(alice, headerAuth(name(), api.origin(), "{{API_KEY}}"));
        long a = action(alice, c, "GET", "/v1/models");
        WebClient.Response r = test(alice, c, a);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Successful execution").contains("id=\"run-status\">200<")
                .contains("&quot;gpt-4o-mini&quot;").contains(api.origin() + "/v1/models").doesNotContain(KEY);
        assertThat(api.lastHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(alice.get("/connectors").body()).contains("Successful execution");
        assertThat(app.count("SELECT COUNT(*) FROM action_runs WHERE action_id = " + a)).isEqualTo(1);
    }

    @Test
    void query_param_auth_sends_the_key_as_a_parameter_and_shows_the_url_masked() {
        long c = connector(alice, fields("name", name(), "baseUrl", api.origin(), "authType", "api_key",
                "apiKeyIn", "query", "queryName", "api_key", "apiKey", "{{API_KEY}}"));
        long a = action(alice, c, "GET", "/query/models", "query", "limit=5");
        WebClient.Response r = test(alice, c, a);
        assertThat(r.body()).contains("Successful execution").contains("/query/models?limit=5&amp;api_key={{API_KEY}}")
                .doesNotContain(KEY);
        assertThat(api.lastQuery()).isEqualTo("limit=5&api_key=" + KEY);
    }

    @Test
    void basic_and_bearer_auth_reach_the_fake_and_a_literal_secret_is_stored_only_encrypted() {
        long basic = connector(alice, fields("name", name(), "baseUrl", api.origin(), "authType", "basic",
                "username", "ann", "password", "{{API_KEY}}"));
        assertThat(test(alice, basic, action(alice, basic, "GET", "/basic/me")).body()).contains("Successful execution");
        long bearer = connector(alice, fields("name", name(), "baseUrl", api.origin(), "authType", "bearer",
                "token", KEY));
        assertThat(test(alice, bearer, action(alice, bearer, "GET", "/bearer/me")).body())
                .contains("Successful execution").contains("basic-user".replace("basic", "bearer"));
        assertThat(app.count("SELECT COUNT(*) FROM connectors WHERE secret_hint = '\u2026AbCd'")).isPositive();
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'connector' AND owner_id = '" + bearer
                + "'")).isEqualTo(1);
        assertThat(alice.get("/connectors/" + bearer + "/edit").body()).doesNotContain(KEY).contains("\u2026AbCd (saved");
    }

    @Test
    void a_wrong_key_says_the_api_refused_the_credentials_and_names_the_variable() {
        variable(alice, "WRONG_KEY", "rk-live-WrongKey000000000000XyZw");
        long c = connector(alice, headerAuth(name(), api.origin(), "{{WRONG_KEY}}"));
        WebClient.Response r = test(alice, c, action(alice, c, "GET", "/v1/models"));
        assertThat(r.body()).contains("The API refused the credentials (HTTP 401): check {{WRONG_KEY}}.")
                .contains("id=\"run-status\">401<");
    }

    @Test
    void an_unknown_variable_is_an_error_next_to_the_field_that_names_it_and_nothing_is_stored() {
        int before = app.count("SELECT COUNT(*) FROM connectors");
        WebClient.Response r = alice.post("/connectors", headerAuth(name(), api.origin(), "{{NOPE_KEY}}"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/connectors/new");
        assertThat(alice.follow(r).body()).contains("id=\"api-key-error\"").contains("Unknown variable {{NOPE_KEY}}")
                .contains("for=\"new-var-NOPE_KEY\"");
        assertThat(app.count("SELECT COUNT(*) FROM connectors")).isEqualTo(before);
        long c = connector(alice, with(headerAuth(name(), api.origin(), "{{NOPE_KEY}}"), "newVar.NOPE_KEY", KEY));
        assertThat(test(alice, c, action(alice, c, "GET", "/v1/models")).body()).contains("Successful execution");
    }

    @Test
    void a_redirect_to_127_0_0_1_is_blocked_and_the_target_sees_nothing() {
        long c = connector(alice, fields("name", name(), "baseUrl", api.origin(), "authType", "none"));
        long a = action(alice, c, "GET", "/redirect", "query", "to=http://127.0.0.1:" + other.port() + "/echo");
        WebClient.Response r = test(alice, c, a);
        assertThat(r.body()).contains("Blocked: the API redirected to 127.0.0.1").contains("AGENTO_CONNECTOR_ALLOWED_HOSTS");
        assertThat(other.requestCount()).isZero();
    }

    @Test
    void an_echoed_secret_is_masked_in_the_panel_and_in_the_stored_run() {
        long c = connector(alice, headerAuth(name(), api.origin(), "{{API_KEY}}"));
        long a = action(alice, c, "POST", "/echo/{{input.id}}", "query", "q={{input.q}}",
                "headers", "X-Copy: {{API_KEY}}", "body", "{\"note\": \"{{input.note}}\", \"key\": \"{{API_KEY}}\"}");
        WebClient.Response r = test(alice, c, a, "input.id", "a/b c", "input.q", "x&y", "input.note", "say \"hi\"");
        assertThat(r.body()).contains("Successful execution").contains("{{API_KEY}}").doesNotContain(KEY)
                .doesNotContain("HttpTestKey");
        assertThat(api.lastPath()).isEqualTo("/echo/a%2Fb%20c");
        assertThat(api.lastQuery()).isEqualTo("q=x%26y");
        assertThat(api.lastBody()).isEqualTo("{\"note\": \"say \\\"hi\\\"\", \"key\": \"" + KEY + "\"}");
        String stored = app.jdbi().withHandle(h -> h.createQuery("SELECT final_url || response_headers || body FROM "
                + "action_runs WHERE action_id = " + a).mapTo(String.class).one());
        assertThat(stored).contains("{{API_KEY}}").doesNotContain(KEY);
    }

    @Test
    void a_large_body_is_cut_and_only_the_last_20_runs_are_kept() {
        long c = connector(alice, fields("name", name(), "baseUrl", api.origin(), "authType", "none"));
        long large = action(alice, c, "GET", "/large", "query", "mb=6");
        WebClient.Response r = test(alice, c, large);
        assertThat(r.body()).contains("Successful execution").contains("The body was cut");
        assertThat(r.body().length()).isLessThan(400_000);
        long echo = action(alice, c, "GET", "/echo");
        for (int i = 0; i < 22; i++) {
            test(alice, c, echo);
        }
        assertThat(app.count("SELECT COUNT(*) FROM action_runs WHERE action_id = " + echo)).isEqualTo(20);
    }

    @Test
    void the_runner_and_the_tool_list_are_usable_without_the_web_layer() {
        long owner = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'alice@example.com'")
                .mapTo(Long.class).one());
        long c = connector(alice, headerAuth(name(), api.origin(), "{{API_KEY}}"));
        long a = action(alice, c, "GET", "/echo/{{input.item}}", "name", "Get item", "query", "v={{input.version}}");
        ConnectorsFeature feature = app.agento().connectors();
        ToolAction tool = feature.actions().tools(owner).stream().filter(t -> t.actionId() == a).findFirst().orElseThrow();
        assertThat(tool.inputs()).containsExactly("item", "version");
        assertThat(tool.name()).isEqualTo("Get item");
        RunResult result = feature.runner().run(owner, a, Map.of("item", "42", "version", "2"));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.outcome()).isEqualTo("Successful execution");
        assertThat(result.finalUrl()).endsWith("/echo/42?v=2");
        assertThat(result.body()).contains("{{API_KEY}}").doesNotContain(KEY);
        assertThat(feature.runner().run(owner, a, Map.of()).outcome()).isEqualTo("The input item has no value.");
    }

    @Test
    void the_openai_template_prefills_the_guide_and_asks_for_the_variable_it_needs() {
        WebClient fresh = Accounts.user(app, alice, "tina" + System.nanoTime() + "@example.com");
        String page = fresh.get("/connectors/new?template=openai").body();
        assertThat(page).contains("value=\"Authorization\"").contains("value=\"Bearer %s\"")
                .contains("value=\"{{OPENAI_API_KEY}}\"").contains("<option value=\"api_key\" selected=\"selected\">Api Key Auth</option>")
                .contains("value=\"List models\"").contains("value=\"/v1/models\"").contains("for=\"new-var-OPENAI_API_KEY\"")
                .contains("value=\"http://127.0.0.1:9\"");
        variable(fresh, "OPENAI_API_KEY", KEY);
        assertThat(fresh.get("/connectors/new?template=openai").body()).doesNotContain("new-var-OPENAI_API_KEY");
    }

    @Test
    void import_from_curl_fills_base_url_method_path_and_headers_with_variables() {
        WebClient.Response r = alice.post("/connectors/import", Map.of("curl",
                "curl https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\" \\\n -H 'OpenAI-Organization: org-1'"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("value=\"https://api.openai.com\"").contains("value=\"/v1/models\"")
                .contains("value=\"{{OPENAI_API_KEY}}\"").contains("value=\"Bearer %s\"").contains("OpenAI-Organization: org-1")
                .contains("<option value=\"GET\" selected=\"selected\">GET</option>");
        assertThat(alice.follow(alice.post("/connectors/import", Map.of("curl", "curl -s"))).body())
                .contains("no http(s) address");
    }

    @Test
    void bad_input_gets_a_message_next_to_its_field_and_changes_nothing() {
        long c = connector(alice, fields("name", name(), "baseUrl", api.origin() + "/", "authType", "none"));
        Map<String, String[]> cases = Map.of(
                "path", new String[] {"path", "v1/models", "The path starts with /"},
                "body", new String[] {"body", "{\"a\": 1}", "A GET request has no body"},
                "headers", new String[] {"headers", "no colon here", "Line 1 should look like Name: value"},
                "host", new String[] {"headers", "Host: evil", "Host is set by Agento itself"},
                "ref", new String[] {"query", "a={{lower}}", "is not a reference Agento knows"});
        int actions = app.count("SELECT COUNT(*) FROM connector_actions");
        cases.forEach((what, c3) -> {
            Map<String, String> form = fields("method", "GET", "path", "/ok", c3[0], c3[1]);
            WebClient.Response r = alice.post("/connectors/" + c + "/actions", form);
            assertThat(r.status()).as(what).isEqualTo(303);
            assertThat(alice.follow(r).body()).as(what).contains(c3[2].replace("'", "&#39;"));
        });
        WebClient.Response json = alice.post("/connectors/" + c + "/actions", fields("method", "POST", "path", "/x",
                "body", "{\"a\": {{input.n}} "));
        assertThat(alice.follow(json).body()).contains("The body is not valid JSON");
        assertThat(app.count("SELECT COUNT(*) FROM connector_actions")).isEqualTo(actions);
        for (String[] bad : new String[][] {{"baseUrl", "ftp://x"}, {"baseUrl", "http://u:p@h.example"},
            {"headerPattern", "Bearer"}, {"headerPattern", "%s %s"}, {"authType", "magic"}, {"headerKey", "Bad Name"}}) {
            WebClient.Response r = alice.post("/connectors", with(headerAuth(name(), api.origin(), "{{API_KEY}}"),
                    bad[0], bad[1]));
            assertThat(r.status()).as(bad[1]).isEqualTo(303);
            assertThat(r.location()).as(bad[1]).isEqualTo("/connectors/new");
            assertThat(alice.follow(r).body()).as(bad[1]).contains("class=\"field-error\"");
        }
        assertThat(alice.get("/connectors/" + c).body()).contains(api.origin() + "<").as("trailing / dropped");
        Map<String, String> unknown = with(headerAuth(name(), api.origin(), "{{NOPE}}"), "_csrf", alice.csrfToken());
        WebClient.Response fragment = alice.postRaw("/connectors", unknown, Map.of("HX-Request", "true"));
        assertThat(fragment.status()).isEqualTo(422);
        assertThat(fragment.body()).startsWith("<form").contains("Unknown variable {{NOPE}}").doesNotContain("<html");
        WebClient.Response actionFragment = alice.postRaw("/connectors/" + c + "/actions", fields("_csrf",
                alice.csrfToken(), "method", "GET", "path", "nope"), Map.of("HX-Request", "true"));
        assertThat(actionFragment.body()).startsWith("<form").contains("The path starts with /");
    }

    @Test
    void edit_keeps_a_blank_secret_and_deleting_a_variable_in_use_says_where() {
        variable(alice, "EDIT_KEY", KEY);
        String n = name();
        long c = connector(alice, headerAuth(n, api.origin(), "{{EDIT_KEY}}"));
        long a = action(alice, c, "GET", "/v1/models");
        WebClient.Response saved = alice.post("/connectors/" + c, headerAuth(n + " renamed", api.origin(), ""));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(test(alice, c, a).body()).contains("Successful execution");
        long variable = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM connector_variables WHERE name = "
                + "'EDIT_KEY'").mapTo(Long.class).one());
        WebClient.Response refused = alice.post("/connectors/variables/" + variable + "/delete", Map.of());
        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("EDIT_KEY is still used by connector \u201c" + n + " renamed\u201d");
        assertThat(alice.post("/connectors/" + c + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'connector' AND owner_id = '" + c + "'"))
                .isZero();
        assertThat(alice.post("/connectors/variables/" + variable + "/delete", Map.of()).status()).isEqualTo(303);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'connector_variable' AND owner_id = '"
                + variable + "'")).isZero();
    }

    @Test
    void how_long_a_test_click_takes_against_the_fake() {
        long c = connector(alice, headerAuth(name(), api.origin(), "{{API_KEY}}"));
        long models = action(alice, c, "GET", "/v1/models");
        long redirect = action(alice, c, "GET", "/redirect", "query", "to=/echo/after");
        for (int i = 0; i < 3; i++) { // warm-up, not counted
            test(alice, c, models);
        }
        java.util.List<Long> micros = new java.util.ArrayList<>();
        java.util.List<Long> redirectMicros = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            assertThat(test(alice, c, models).body()).contains("Successful execution");
            micros.add((System.nanoTime() - started) / 1000);
            started = System.nanoTime();
            assertThat(test(alice, c, redirect).body()).contains("Successful execution");
            redirectMicros.add((System.nanoTime() - started) / 1000);
        }
        java.util.Collections.sort(micros);
        java.util.Collections.sort(redirectMicros);
        System.out.printf("TEST CLICK against the fake (n=20, htmx POST): GET /v1/models median %.1f ms, p95 %.1f ms, "
                + "max %.1f ms; with one redirect median %.1f ms%n", micros.get(9) / 1000.0, micros.get(18) / 1000.0,
                micros.get(19) / 1000.0, redirectMicros.get(9) / 1000.0);
        assertThat(micros.get(9)).as("median µs").isLessThan(1_000_000);
    }
}
