package agento.connectors;

import static agento.connectors.ConnectorSteps.action;
import static agento.connectors.ConnectorSteps.connector;
import static agento.connectors.ConnectorSteps.fields;
import static agento.connectors.ConnectorSteps.headerAuth;
import static agento.connectors.ConnectorSteps.with;
import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without JavaScript the connector forms redirect after the post: a refusal goes back to the form's page with the
 * message next to its field and the values typed, never a secret; nothing was stored.
 */
class ConnectorFormsRedirectHttpTest {
    static final String BASE = "https://api.example.com";
    static final String LITERAL_SECRET = "literal-Secret-Never-Shown-4242";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAlice();
    private final WebClient alice = fixture.alice();

    private int count(String table) {
        return fixture.app().count("SELECT COUNT(*) FROM " + table);
    }

    private String body(WebClient.Response redirect, String location) {
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.location()).isEqualTo(location);
        return alice.follow(redirect).body();
    }

    @Test
    void a_refused_new_connector_shows_the_message_and_the_typed_values_but_not_the_secret() {
        int before = count("connectors");

        String page = body(alice.post("/connectors", with(headerAuth("Typed connector", "ftp://x", LITERAL_SECRET))),
                "/connectors/new");

        assertThat(page).contains("id=\"connector-base-url-error\"").contains("value=\"Typed connector\"")
                .contains("value=\"ftp://x\"").contains("value=\"Bearer %s\"").doesNotContain(LITERAL_SECRET);
        assertThat(count("connectors")).isEqualTo(before);
        assertThat(alice.get("/connectors/new").body()).as("shown once").doesNotContain("Typed connector");
    }

    @Test
    void a_refused_edit_goes_back_to_the_edit_page_and_changes_nothing() {
        long c = connector(alice, fields("name", "Edit me", "baseUrl", BASE, "authType", "none"));

        String page = body(alice.post("/connectors/" + c, fields("name", "Edited name", "baseUrl", "http://u:p@h.example",
                "authType", "none")), "/connectors/" + c + "/edit");

        assertThat(page).contains("id=\"connector-base-url-error\"").contains("value=\"Edited name\"");
        assertThat(alice.get("/connectors/" + c).body()).contains("Edit me").doesNotContain("Edited name");
    }

    @Test
    void a_refused_action_new_or_edited_keeps_what_was_typed() {
        long c = connector(alice, fields("name", "Actions here", "baseUrl", BASE, "authType", "none"));
        int before = count("connector_actions");

        String added = body(alice.post("/connectors/" + c + "/actions", fields("name", "Typed action", "method", "GET",
                "path", "no-slash")), "/connectors/" + c + "#new-action-heading");

        assertThat(added).contains("id=\"action-path-error\"").contains("The path starts with /")
                .contains("value=\"Typed action\"").contains("value=\"no-slash\"");
        assertThat(count("connector_actions")).isEqualTo(before);
        long a = action(alice, c, "GET", "/ok", "name", "Kept action");
        String edited = body(alice.post("/connectors/" + c + "/actions/" + a, fields("name", "Kept action", "method",
                "GET", "path", "/ok", "headers", "no colon here")), "/connectors/" + c + "/actions/" + a + "/edit");
        assertThat(edited).contains("Line 1 should look like Name: value").contains(">no colon here</textarea>");
    }

    @Test
    void a_refused_curl_import_shows_why_and_never_the_pasted_command() {
        String page = body(alice.post("/connectors/import", Map.of("curl", "curl -s -H 'Authorization: Bearer "
                + LITERAL_SECRET + "'")), "/connectors/import");

        assertThat(page).contains("no http(s) address").doesNotContain(LITERAL_SECRET);
    }

    @Test
    void a_refused_variable_keeps_its_name_but_never_its_value() {
        int before = count("connector_variables");

        String page = body(alice.post("/connectors/variables", Map.of("name", "bad name", "value", LITERAL_SECRET)),
                "/connectors/variables");

        assertThat(page).contains("id=\"variable-name-error\"").contains("value=\"bad name\"")
                .doesNotContain(LITERAL_SECRET);
        assertThat(count("connector_variables")).isEqualTo(before);
    }

    @Test
    void with_htmx_a_refused_connector_still_answers_422_in_place() {
        WebClient.Response refused = alice.htmxPost("/connectors", headerAuth("Htmx connector", "ftp://x", "{{K}}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).startsWith("<form").contains("id=\"connector-base-url-error\"");
    }
}
