package agento.provider;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One state, one colour, one message: the dashboard badge, the card's notices, Activity, Disconnect's question. */
class ProviderCardPolishHttpTest {
    static final String KEY = "sk-proj-PolishKeyForTests0123456789AbCd";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi(api -> api.acceptKey(KEY)).withAlice();
    private final WebClient alice = fixture.alice();
    private final long agent = fixture.newAgent();

    private String dashboardRow() {
        String page = alice.get("/").body();
        int link = page.indexOf("href=\"/agents/" + agent + "\"");
        return page.substring(page.lastIndexOf("<li", link), page.indexOf("</li>", link));
    }

    @Test
    void the_dashboard_badge_has_the_states_colour_and_words() {
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        assertThat(dashboardRow()).contains("badge provider green").contains("OpenAI · API key<");

        fixture.app().jdbi().useHandle(h -> h.execute(
                "UPDATE provider_connections SET state = 'needs_reconnect' WHERE agent_id = " + agent));
        assertThat(dashboardRow()).contains("badge provider amber").contains("OpenAI · API key · Reconnect needed");
        fixture.app().jdbi().useHandle(h -> h.execute(
                "UPDATE provider_connections SET state = 'credential_error' WHERE agent_id = " + agent));
        assertThat(dashboardRow()).contains("badge provider red").contains("Credential error");
    }

    @Test
    void a_notice_is_green_only_when_the_connection_it_leaves_works() {
        WebClient.Response saved = alice.htmxPost("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        assertThat(saved.body()).contains("alert success").contains("Saved.");

        fixture.openAiApi().mode(agento.fakes.FakeOpenAiApi.Mode.SERVER_ERROR);
        WebClient.Response checked = alice.htmxPost("/agents/" + agent + "/connection/test", Map.of());
        assertThat(checked.body()).contains("Checked with OpenAI.").doesNotContain("alert success");
    }

    @Test
    void activity_shows_ten_lines_with_show_all_and_machine_readable_times() {
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        for (int i = 0; i < 12; i++) {
            alice.post("/agents/" + agent + "/model", Map.of("model", i % 2 == 0 ? "gpt-4.1" : "gpt-5.2"));
        }
        String card = alice.get("/agents/" + agent + "/settings").body();
        String activity = card.substring(card.indexOf("id=\"activity\""), card.indexOf("</ul>", card.indexOf("id=\"activity\"")));

        assertThat(activity.split("<li>", -1)).hasSize(11);
        assertThat(activity).containsPattern("<time datetime=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\">");
        assertThat(card).contains(">Show all<");
        String all = alice.get("/agents/" + agent + "/settings/provider/activity").body();
        assertThat(all.split("<li>", -1).length).isGreaterThan(13);
        assertThat(all).doesNotContain(">Show all<");
    }

    @Test
    void disconnect_asks_first_and_the_same_button_confirms() {
        String authorize = alice.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect")).location();
        java.net.URI callback = java.net.URI.create(fixture.fakes().auth.approve(authorize));
        alice.get(callback.getRawPath() + "?" + callback.getRawQuery());

        WebClient.Response asked = alice.get("/agents/" + agent + "/oauth/disconnect");

        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Disconnect from OpenAI?").contains(">Disconnect<").contains(">Cancel<");
        assertThat(alice.post("/agents/" + agent + "/oauth/disconnect", Map.of()).status()).isEqualTo(303);
        assertThat(alice.get("/agents/" + agent + "/settings").body()).contains("Not connected");
    }

    @Test
    void renaming_with_htmx_updates_the_heading_and_the_window_title_at_once() {
        WebClient.Response renamed = alice.htmxPost("/agents/" + agent + "/details",
                Map.of("name", "Renamed helper", "description", ""));

        assertThat(renamed.body()).contains("id=\"agent-name-heading\" hx-swap-oob=\"true\">Renamed helper</h1>")
                .contains("<title>Settings · Renamed helper · Agento</title>");
    }
}
