package agento.agents;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AgentsHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAliceAndBob();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();

    @Test
    void an_empty_dashboard_says_how_to_start() {
        WebClient carol = Accounts.user(app, alice, "carol@example.com");
        assertThat(carol.get("/").body()).contains("You have no agents yet.").contains("New agent");
    }

    @Test
    void a_created_agent_is_listed_with_no_provider_and_stopped() {
        long id = Accounts.agent(alice, "  Listed agent  ");
        String dashboard = alice.get("/").body();
        assertThat(dashboard).contains(">Listed agent<").contains("No AI provider").contains("Stopped");
        assertThat(alice.get("/agents/" + id).body()).contains("Overview").contains("Chat").contains("Settings")
                .contains("<dd>GPT-5.2</dd>");
        assertThat(alice.get("/agents/" + id + "/settings").body()).contains("AI Provider").contains("Danger zone")
                .contains("<option value=\"openai\" selected>OpenAI</option>");
    }

    @Test
    void an_empty_name_is_refused_with_a_message_next_to_the_field() {
        int before = app.count("SELECT COUNT(*) FROM agents");
        WebClient.Response r = alice.post("/agents", Map.of("name", "   ", "description", ""));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/agents/new");
        r = alice.follow(r);
        assertThat(r.body()).contains("id=\"agent-name-error\"").contains("Give the agent a name.");
        assertThat(app.count("SELECT COUNT(*) FROM agents")).isEqualTo(before);
    }

    @Test
    void a_name_over_80_characters_is_refused_and_80_emoji_are_fine() {
        WebClient.Response r = alice.follow(alice.post("/agents", Map.of("name", "x".repeat(81), "description", "")));
        assertThat(r.body()).contains("Use at most 80 characters for the name (this one has 81).");
        String emoji = "\uD83E\uDD16".repeat(80);
        long id = Accounts.agent(alice, emoji);
        assertThat(alice.get("/agents/" + id).body()).contains(emoji);
    }

    @Test
    void a_duplicate_name_for_the_same_user_is_refused_but_another_user_may_use_it() {
        Accounts.agent(alice, "Twin");
        WebClient.Response r = alice.follow(alice.post("/agents", Map.of("name", "twin", "description", "")));
        assertThat(r.body()).contains("You already have an agent called");
        Accounts.agent(bob, "Twin");
    }

    @Test
    void hostile_names_are_shown_back_as_text_not_markup() {
        String hostile = "<script>alert('x')</script> \"quoted\" <img src=x onerror=alert(1)> <div hx-get=\"/x\" hx-trigger=\"load\">";
        WebClient.Response refused = alice.follow(alice.post("/agents", Map.of("name", hostile + "x".repeat(80),
                "description", "")));
        assertThat(refused.body()).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<div hx-get");
        long id = Accounts.agent(alice, "<script>alert('x')</script> \"q\" <b hx-get=\"/\" hx-trigger=\"load\">");
        for (String page : new String[] {"/", "/agents/" + id, "/agents/" + id + "/settings", "/agents/" + id + "/chat"}) {
            String body = alice.get(page).body();
            assertThat(body).doesNotContain("<script>alert").doesNotContain("<b hx-get")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
    }

    @Test
    void rename_changes_the_name_and_validates_like_create() {
        long id = Accounts.agent(alice, "Before rename");
        WebClient.Response ok = alice.post("/agents/" + id + "/details", Map.of("name", "After rename", "description", "Helps"));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(alice.follow(ok).body()).contains("Saved: the agent is now called \u201cAfter rename\u201d.");
        assertThat(alice.get("/").body()).contains("After rename").doesNotContain("Before rename");
        WebClient.Response bad = alice.post("/agents/" + id + "/details", Map.of("name", "", "description", ""));
        assertThat(bad.status()).isEqualTo(303);
        assertThat(alice.follow(bad).body()).contains("Give the agent a name.");
        assertThat(alice.get("/agents/" + id).body()).contains("After rename");
    }

    @Test
    void delete_asks_for_confirmation_then_removes_the_agent() {
        long id = Accounts.agent(alice, "Doomed");
        assertThat(alice.get("/agents/" + id + "/delete").body()).contains("This cannot be undone.").contains("Delete agent");
        assertThat(alice.post("/agents/" + id + "/delete", Map.of()).location()).isEqualTo("/");
        assertThat(alice.get("/agents/" + id).status()).isEqualTo(404);
    }

    @Test
    void another_users_agent_answers_404_on_every_route_and_method_and_stays_unchanged() {
        long id = Accounts.agent(alice, "Private to alice");
        for (String path : new String[] {"/agents/" + id, "/agents/" + id + "/chat", "/agents/" + id + "/settings",
                "/agents/" + id + "/delete"}) {
            assertThat(bob.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(bob.post("/agents/" + id + "/details", Map.of("name", "Stolen", "description", "")).status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + id + "/delete", Map.of()).status()).isEqualTo(404);
        assertThat(alice.get("/agents/" + id).body()).contains("Private to alice");
        assertThat(bob.get("/").body()).doesNotContain("Private to alice");
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
        int before = app.count("SELECT COUNT(*) FROM agents");
        WebClient.Response r = alice.postRaw("/agents", Map.of("name", "No token"), Map.of());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("nothing was changed");
        WebClient.Response wrong = alice.postRaw("/agents", Map.of("name", "Wrong token", "_csrf", "forged"), Map.of("HX-Request", "true"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(app.count("SELECT COUNT(*) FROM agents")).isEqualTo(before);
    }

    @Test
    void the_csrf_token_also_works_as_an_htmx_header() {
        WebClient.Response r = alice.postRaw("/agents", Map.of("name", "Via header", "description", ""),
                Map.of("X-CSRF-Token", alice.csrfToken(), "HX-Request", "true"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("HX-Redirect")).startsWith("/agents/");
    }

    @Test
    void state_changing_routes_answer_get_with_405() {
        assertThat(alice.get("/logout").status()).isEqualTo(405);
        assertThat(alice.get("/agents").status()).isEqualTo(405);
    }

    @Test
    void an_anonymous_htmx_request_gets_a_redirect_to_login_not_half_a_page() {
        WebClient anon = new WebClient(app);
        WebClient.Response r = anon.get("/agents/1/settings", Map.of("HX-Request", "true"));
        assertThat(r.header("HX-Redirect")).startsWith("/login");
        assertThat(r.body()).isEmpty();
    }
}
