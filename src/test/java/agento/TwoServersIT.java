package agento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.fakes.FakeTelegramApi;
import agento.support.Accounts;
import agento.support.MutableClock;
import agento.support.OpenAiFakes;
import agento.support.Postgres;
import agento.support.TestApp;
import agento.support.WebClient;
import agento.vault.VaultStartupException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Agento servers on one PostgreSQL with one vault keyset, as behind a load balancer: the same browser's
 * requests land on either. Sign-ins (sessions) are shared and survive a restart, a sign-in with OpenAI started on
 * one completes on the other, settings and chat work on both, an expired token is refreshed once, a code is
 * polled once per interval and a Telegram bot by one server at a time.
 */
class TwoServersIT {
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static final String KEY = "sk-proj-SharedVault0123456789abcdefSHAR";
    private static final FakeTelegramApi telegram = new FakeTelegramApi();
    private static OpenAiFakes fakes;
    private static TestApp one;
    private static TestApp two;
    private static Map<String, String> env;

    @BeforeAll
    static void startTwoServersOnOneDatabase() throws Exception {
        fakes = new OpenAiFakes();
        fakes.auth.clock(clock);
        fakes.api.acceptKey(KEY);
        env = new HashMap<>(fakes.env());
        env.putAll(Postgres.newDatabaseEnv());
        env.put("AGENTO_TELEGRAM_API_BASE", telegram.baseUrl());
        byte[] masterKey = new byte[32];
        new java.security.SecureRandom().nextBytes(masterKey);
        env.put("AGENTO_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));
        one = TestApp.start(env, clock);
        two = TestApp.start(withSharedKeyset(one, TestApp.freePort()), clock);
    }

    /** The second server's environment: its own port and data directory, holding a copy of the keyset file. */
    private static Map<String, String> withSharedKeyset(TestApp first, int port) throws Exception {
        Path dir = Files.createTempDirectory("agento-two");
        Files.createDirectories(dir.resolve("vault"));
        Files.copy(first.dataDir().resolve("vault/keyset.json"), dir.resolve("vault/keyset.json"));
        Map<String, String> second = new HashMap<>(env);
        second.put("AGENTO_PORT", Integer.toString(port));
        second.put("AGENTO_DATA_DIR", dir.toString());
        return second;
    }

    @AfterAll
    static void stop() {
        two.close();
        one.close();
        fakes.close();
        telegram.close();
    }

    private static WebClient admin;

    private static synchronized WebClient aliceOnOne() {
        if (admin == null) {
            admin = Accounts.admin(one, "alice@example.com");
        }
        return admin;
    }

    private static String signInWithOpenAi(WebClient start, WebClient finish, long agent) {
        String authorize = start.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect")).location();
        URI callback = URI.create(fakes.auth.approve(authorize));
        WebClient.Response done = finish.get(callback.getRawPath() + "?" + callback.getRawQuery());
        assertThat(done.status()).isEqualTo(303);
        return done.location();
    }

    @Test
    void a_sign_in_on_one_server_holds_on_the_other_and_survives_a_restart_and_signing_out_anywhere_ends_it() {
        WebClient onOne = new WebClient(one);
        onOne.signIn("alice@example.com", Accounts.PASSWORD);
        aliceOnOne();
        WebClient first = Accounts.user(one, aliceOnOne(), "bob@example.com");
        WebClient onTwo = first.on(two);
        assertThat(onTwo.get("/").status()).isEqualTo(200);
        assertThat(onTwo.get("/").body()).contains("bob@example.com");

        one.restart(clock);
        assertThat(first.get("/").status()).as("still signed in after a restart").isEqualTo(200);

        assertThat(onTwo.post("/logout", Map.of()).location()).endsWith("/login");
        assertThat(first.get("/").location()).as("signed out on the other server too").endsWith("/login");
    }

    @Test
    void a_sign_in_with_openai_started_on_one_server_completes_on_the_other() {
        WebClient onOne = aliceOnOne();
        long agent = Accounts.agent(onOne, "Crossing " + System.nanoTime());
        String landing = signInWithOpenAi(onOne, onOne.on(two), agent);
        assertThat(landing).isEqualTo("/agents/" + agent + "/settings");
        assertThat(onOne.get(landing).body()).contains(">Connected<").contains(fakes.auth.email());
    }

    @Test
    void a_sign_in_with_a_code_is_polled_by_one_server_at_a_time_and_connects_for_both() throws Exception {
        WebClient onTwo = aliceOnOne().on(two);
        long agent = Accounts.agent(onTwo, "Coded " + System.nanoTime());
        String card = onTwo.htmxPost("/agents/" + agent + "/oauth/device/start", Map.of()).body();
        String code = card.replaceAll("(?s).*id=\"user-code\">([A-Z0-9-]+)<.*", "$1");
        fakes.auth.enterCode(code);
        clock.advance(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!aliceOnOne().get("/agents/" + agent + "/settings").body().contains(">Connected<")) {
            assertThat(System.nanoTime()).as("connected within 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(fakes.auth.devicePolls(code)).as("both servers found it due; one asked").hasSize(1);
    }

    @Test
    void settings_changed_on_one_server_show_on_the_other_and_chat_works_on_both() {
        WebClient onOne = aliceOnOne();
        WebClient onTwo = onOne.on(two);
        long agent = Accounts.agent(onOne, "Chatty " + System.nanoTime());
        signInWithOpenAi(onOne, onTwo, agent);
        // the page seen on one before the change (a server keeping pages would keep this one), then changed on two
        assertThat(onOne.get("/agents/" + agent + "/settings").status()).isEqualTo(200);
        assertThat(onTwo.post("/agents/" + agent + "/model", Map.of("model", "gpt-5.2")).status()).isEqualTo(303);
        assertThat(onOne.get("/agents/" + agent + "/settings").body()).contains("value=\"gpt-5.2\" selected");
        onTwo.post("/agents/" + agent + "/start", Map.of());
        assertThat(chat(onOne, agent, "Hello from one")).contains("You said: Hello from one");
        assertThat(chat(onTwo, agent, "Hello from two")).contains("You said: Hello from two");
    }

    private static String chat(WebClient client, long agent, String text) {
        WebClient.Response sent = client.post("/agents/" + agent + "/chat/messages",
                Map.of("message", text, "conversation", ""));
        assertThat(sent.status()).isEqualTo(303);
        return client.get(sent.location().replaceAll("#.*", "")).body();
    }

    @Test
    void an_expired_token_is_refreshed_once_while_both_servers_want_it() throws Exception {
        WebClient onOne = aliceOnOne();
        WebClient onTwo = onOne.on(two);
        long agent = Accounts.agent(onOne, "Fresh " + System.nanoTime());
        String account = fakes.auth.accountId();
        fakes.auth.accountId("acct-refreshed-once");
        try {
            signInWithOpenAi(onOne, onOne, agent);
        } finally {
            fakes.auth.accountId(account);
        }
        onOne.post("/agents/" + agent + "/start", Map.of());

        clock.advance(Duration.ofHours(1));
        List<CompletableFuture<String>> chats = List.of(
                CompletableFuture.supplyAsync(() -> chat(onOne, agent, "one")),
                CompletableFuture.supplyAsync(() -> chat(onTwo, agent, "two")),
                CompletableFuture.supplyAsync(() -> chat(onOne.on(two), agent, "three")));
        one.agento().tokenRefresher().wake();
        two.agento().tokenRefresher().wake();

        for (CompletableFuture<String> reply : chats) {
            // on failure, say why: the Activity list records refusals and rejected chats
            assertThat(reply.get()).as(() -> activity(onOne, agent)).contains("You said:");
        }
        assertThat(fakes.auth.refreshCount("acct-refreshed-once")).isEqualTo(1);
    }

    private static String activity(WebClient client, long agent) {
        String page = client.get("/agents/" + agent + "/settings").body();
        int at = page.indexOf("Activity");
        return at < 0 ? "no Activity on the Settings page" : page.substring(at, Math.min(page.length(), at + 3000))
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void one_server_at_a_time_polls_a_telegram_bot_so_each_message_is_answered_once() throws Exception {
        WebClient onOne = aliceOnOne();
        long agent = Accounts.agent(onOne, "Telegrammed " + System.nanoTime());
        onOne.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        String token = "7" + (System.nanoTime() % 100_000_000) + ":AAHtwoServersBotToken0123456789abcdefX";
        telegram.addBot(token, "two_servers_bot");
        assertThat(onOne.post("/agents/" + agent + "/telegram/connect", Map.of("botToken", token)).status())
                .isEqualTo(303);
        onOne.on(two).post("/agents/" + agent + "/telegram/users", Map.of("userId", "4242"));
        onOne.on(two).post("/agents/" + agent + "/start", Map.of());
        int conflicts = telegram.pollConflicts();

        for (int i = 1; i <= 3; i++) {
            telegram.userWrites(token, 4242, "Ann", "message " + i);
            int expected = i;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (telegram.sentTo(4242).size() < expected) {
                assertThat(System.nanoTime()).as("reply " + expected + " within 20 s").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        Thread.sleep(1500); // time for a second reply, if a second poller had the same messages
        assertThat(telegram.sentTo(4242)).hasSize(3).allSatisfy(reply -> assertThat(reply).startsWith("You said"));
        assertThat(telegram.pollConflicts()).as("never two getUpdates at once").isEqualTo(conflicts);
        assertThat(one.count("SELECT COUNT(*) FROM telegram_bots WHERE lease_owner IS NOT NULL")).isEqualTo(1);
        onOne.post("/agents/" + agent + "/telegram/disconnect", Map.of());
    }

    @Test
    void both_servers_read_the_same_secrets_and_a_server_with_another_keyset_refuses_to_start() throws Exception {
        WebClient onOne = aliceOnOne();
        long agent = Accounts.agent(onOne, "Keyed " + System.nanoTime());
        onOne.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        WebClient.Response tested = onOne.on(two).htmxPost("/agents/" + agent + "/connection/test", Map.of());
        assertThat(tested.body()).contains(">Connected<").contains("Checked with OpenAI.");

        Map<String, String> stranger = new HashMap<>(env);
        stranger.put("AGENTO_PORT", Integer.toString(TestApp.freePort()));
        stranger.put("AGENTO_DATA_DIR", Files.createTempDirectory("agento-stranger").toString());
        assertThatThrownBy(() -> TestApp.start(stranger, clock)).isInstanceOf(VaultStartupException.class);
    }
}
