package agento.agents;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without JavaScript the agent forms redirect after the post: a refusal goes back to the form's page, which shows the
 * message next to the field and what was typed, once; nothing changed. htmx keeps its in-place 422.
 */
class AgentFormsRedirectHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAlice();
    private final WebClient alice = fixture.alice();

    private int agents() {
        return fixture.app().count("SELECT COUNT(*) FROM agents");
    }

    private String nameOf(long agent) {
        return fixture.app().jdbi().withHandle(h -> h.createQuery("SELECT name FROM agents WHERE id = " + agent)
                .mapTo(String.class).one());
    }

    @Test
    void a_refused_new_agent_goes_back_to_the_form_with_the_message_and_what_was_typed_once() {
        int before = agents();

        WebClient.Response refused = alice.post("/agents", Map.of("name", "n".repeat(81), "description", "Kept text"));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/agents/new");
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"agent-name-error\"").contains("Use at most 80 characters for the name")
                .contains("value=\"" + "n".repeat(81) + "\"").contains(">Kept text</textarea>");
        assertThat(alice.get("/agents/new").body()).as("shown once").doesNotContain("Use at most 80 characters")
                .doesNotContain("Kept text");
        assertThat(agents()).isEqualTo(before);
    }

    @Test
    void a_refused_rename_goes_back_to_settings_with_the_message_next_to_the_name() {
        long agent = fixture.newAgent();
        String name = nameOf(agent);

        WebClient.Response refused = alice.post("/agents/" + agent + "/details",
                Map.of("name", "", "description", "Typed description"));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/agents/" + agent + "/settings#general-heading");
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"agent-name-error\"").contains("Give the agent a name.")
                .contains(">Typed description</textarea>");
        assertThat(nameOf(agent)).isEqualTo(name);
        assertThat(fixture.app().count("SELECT COUNT(*) FROM agents WHERE id = " + agent
                + " AND description = 'Typed description'")).isZero();
    }

    @Test
    void refused_instructions_keep_what_was_typed_and_change_nothing() {
        long agent = fixture.newAgent();

        WebClient.Response refused = alice.post("/agents/" + agent + "/instructions",
                Map.of("instructions", "Be brief.", "monthlyTokenLimit", "lots"));

        assertThat(refused.status()).isEqualTo(303);
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"agent-token-limit-error\"").contains("Enter a whole number of tokens")
                .contains("value=\"lots\"").contains(">Be brief.</textarea>");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM agents WHERE id = " + agent
                + " AND instructions IS NOT NULL")).isZero();
    }

    @Test
    void a_saved_rename_and_saved_instructions_confirm_on_the_page_they_return_to() {
        long agent = fixture.newAgent();

        WebClient.Response renamed = alice.post("/agents/" + agent + "/details",
                Map.of("name", "Renamed plainly", "description", ""));
        assertThat(renamed.status()).isEqualTo(303);
        assertThat(alice.follow(renamed).body()).contains("Saved: the agent is now called \u201cRenamed plainly\u201d.")
                .contains("<title>Settings · Renamed plainly · Agento</title>");
        WebClient.Response saved = alice.post("/agents/" + agent + "/instructions",
                Map.of("instructions", "Be kind.", "monthlyTokenLimit", ""));
        assertThat(alice.follow(saved).body()).contains("Instructions saved.").contains(">Be kind.</textarea>");
    }

    @Test
    void with_htmx_a_refusal_still_answers_422_with_the_form_in_place() {
        long agent = fixture.newAgent();

        WebClient.Response created = alice.htmxPost("/agents", Map.of("name", "", "description", ""));
        WebClient.Response renamed = alice.htmxPost("/agents/" + agent + "/details", Map.of("name", "", "description", ""));

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.body()).startsWith("<form").contains("Give the agent a name.");
        assertThat(renamed.status()).isEqualTo(422);
        assertThat(renamed.body()).doesNotContain("<html").contains("Give the agent a name.");
    }
}
