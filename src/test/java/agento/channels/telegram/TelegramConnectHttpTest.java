package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.agentWithKey;
import static agento.channels.telegram.TelegramSteps.connect;
import static agento.channels.telegram.TelegramSteps.eventually;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.post;
import static agento.channels.telegram.TelegramSteps.settings;
import static agento.channels.telegram.TelegramSteps.start;
import static agento.channels.telegram.TelegramSteps.stays;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeTelegramApi;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings → Channels → Telegram over HTTP: Connect Telegram, what Telegram may answer, Disconnect, access. */
class TelegramConnectHttpTest {
    static final FakeTelegramApi telegram = new FakeTelegramApi();

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeTelegramLast = context -> telegram.close();

    @RegisterExtension
    @Order(2)
    static final AgentoFixture fixture = TelegramSteps.agentoWith(telegram).withAliceAndBob();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();

    private int rows(String sql) {
        return fixture.app().count(sql);
    }

    @Test
    void connecting_checks_the_token_with_getMe_and_shows_connected_as_the_bot_name_never_the_token() {
        long agent = agentWithKey(alice);
        String token = newBot(telegram, "helpful_test_bot");

        WebClient.Response connected = connect(alice, agent, token);

        assertThat(connected.status()).isEqualTo(303);
        String page = settings(alice, agent);
        assertThat(page).contains("Connected as @helpful_test_bot").contains("Disconnect Telegram")
                .contains("Who can talk to this agent").contains("Pending requests")
                .doesNotContain(token).doesNotContain(token.substring(token.indexOf(':') + 1, token.length() - 4));
        assertThat(rows("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "' AND name = 'telegram_bot_token'"))
                .isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM telegram_bots WHERE agent_id = " + agent
                + " AND policy = 'pairing' AND state = 'connected'")).isEqualTo(1);
    }

    @Test
    void a_token_telegram_rejects_is_not_stored() {
        long agent = agentWithKey(alice);
        String unknown = "123456789:AAHthisTokenTelegramNeverIssued0000";

        WebClient.Response refused = connect(alice, agent, unknown);

        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("Telegram rejected this bot token").doesNotContain(unknown);
        assertThat(rows("SELECT COUNT(*) FROM telegram_bots WHERE agent_id = " + agent)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "' AND name = 'telegram_bot_token'"))
                .isZero();
    }

    @Test
    void a_malformed_token_is_refused_before_anything_is_sent_to_telegram() {
        long agent = agentWithKey(alice);
        int calls = telegram.calls("getMe");

        WebClient.Response refused = connect(alice, agent, "12345:../../sendMessage?x=");

        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("This is not a bot token");
        assertThat(telegram.calls("getMe")).isEqualTo(calls);
    }

    @Test
    void telegram_unreachable_keeps_the_token_as_amber_unverified_and_check_again_connects_it() {
        long agent = agentWithKey(alice);
        String token = newBot(telegram, "later_bot");
        telegram.failNext(token, "getMe", 502, "Bad Gateway", 0, 1);

        connect(alice, agent, token);

        String page = settings(alice, agent);
        assertThat(page).contains("Unverified").contains("Check again").contains("Couldn&#39;t reach Telegram");
        post(alice, agent, "/check", Map.of());
        assertThat(settings(alice, agent)).contains("Connected as @later_bot").doesNotContain("Unverified");
    }

    @Test
    void a_webhook_set_elsewhere_is_never_deleted_until_the_owner_clicks_use_this_bot_here() {
        long agent = agentWithKey(alice);
        String token = newBot(telegram, "hooked_bot");
        telegram.setWebhook(token, "https://elsewhere.example/hook");
        connect(alice, agent, token);
        start(alice, agent);

        assertThat(settings(alice, agent)).contains("This bot has a webhook set elsewhere").contains("Use this bot here");
        assertThat(stays(Duration.ofMillis(1500), () -> telegram.webhook(token))).isEqualTo("https://elsewhere.example/hook");

        post(alice, agent, "/use-here", Map.of());

        assertThat(telegram.webhook(token)).isEmpty();
        assertThat(settings(alice, agent)).contains("Connected as @hooked_bot");
    }

    @Test
    void one_bot_cannot_feed_two_agents() {
        String token = newBot(telegram, "shared_bot");
        connect(alice, agentWithKey(alice), token);

        WebClient.Response second = connect(alice, agentWithKey(alice), token);

        assertThat(second.status()).isEqualTo(303);
        assertThat(alice.follow(second).body()).contains("This bot is already connected to another agent");
    }

    @Test
    void disconnect_removes_the_token_and_stops_polling() {
        long agent = agentWithKey(alice);
        String token = newBot(telegram, "leaving_bot");
        connect(alice, agent, token);
        start(alice, agent);
        eventually("polling", () -> telegram.calls(token, "getUpdates") > 0);

        post(alice, agent, "/disconnect", Map.of());

        assertThat(rows("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "' AND name = 'telegram_bot_token'"))
                .isZero();
        assertThat(settings(alice, agent)).contains("Connect Telegram").contains("Not connected");
        long polls = stays(Duration.ofMillis(500), () -> telegram.calls(token, "getUpdates"));
        assertThat(stays(Duration.ofSeconds(2), () -> telegram.calls(token, "getUpdates"))).isEqualTo(polls);
    }

    @Test
    void the_policy_anyone_warns_about_the_quota_and_a_bad_value_changes_nothing() {
        long agent = agentWithKey(alice);
        connect(alice, agent, newBot(telegram, "policy_bot"));

        post(alice, agent, "/policy", Map.of("policy", "anyone"));
        assertThat(settings(alice, agent)).contains("anyone who finds the bot can spend your OpenAI quota");

        WebClient.Response refused = post(alice, agent, "/policy", Map.of("policy", "everyone"));
        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("Choose who can talk to this agent.");
        assertThat(rows("SELECT COUNT(*) FROM telegram_bots WHERE policy = 'anyone' AND agent_id = " + agent)).isOne();
    }

    @Test
    void another_users_agent_is_not_found_on_every_telegram_route_and_posts_need_the_csrf_token() {
        long agent = agentWithKey(alice);
        connect(alice, agent, newBot(telegram, "private_bot"));
        String base = "/agents/" + agent + "/telegram";

        for (String path : new String[] {"/connect", "/check", "/use-here", "/disconnect", "/policy", "/users",
                "/users/42/approve", "/users/42/deny", "/users/42/remove"}) {
            assertThat(bob.post(base + path, Map.of("policy", "anyone", "userId", "42")).status()).as(path)
                    .isEqualTo(404);
            assertThat(alice.postRaw(base + path, Map.of("policy", "anyone"), Map.of()).status()).as(path)
                    .isEqualTo(403);
        }
        assertThat(bob.get("/agents/" + agent + "/settings/telegram").status()).isEqualTo(404);
        assertThat(bob.get("/agents/" + agent + "/settings/telegram/pending").status()).isEqualTo(404);
        assertThat(rows("SELECT COUNT(*) FROM telegram_bots WHERE policy = 'pairing' AND agent_id = " + agent)).isOne();
    }
}
