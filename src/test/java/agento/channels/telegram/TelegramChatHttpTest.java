package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.agentWithKey;
import static agento.channels.telegram.TelegramSteps.connect;
import static agento.channels.telegram.TelegramSteps.eventually;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.nthReply;
import static agento.channels.telegram.TelegramSteps.post;
import static agento.channels.telegram.TelegramSteps.settings;
import static agento.channels.telegram.TelegramSteps.start;
import static agento.channels.telegram.TelegramSteps.stays;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeResponsesApi;
import agento.fakes.FakeTelegramApi;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running agent on Telegram: who may talk, the replies, and what the poller does when Telegram or OpenAI fail. */
class TelegramChatHttpTest {
    static final FakeTelegramApi telegram = new FakeTelegramApi();
    private static final Pattern CODE = Pattern.compile("pairing code is ([A-Z0-9]{4}-[A-Z0-9]{4})");

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeTelegramLast = context -> telegram.close();

    @RegisterExtension
    @Order(2)
    static final AgentoFixture fixture = TelegramSteps.agentoWith(telegram).withAlice();
    private final WebClient alice = fixture.alice();
    private long agent;
    private String token;

    /** An agent with a bot of its own, running; {@code userId} already approved when not 0. */
    private void runningAgent(long approvedUserId) {
        runningAgent(newBot(telegram, "chat_bot"), approvedUserId);
    }

    private void runningAgent(String botToken, long approvedUserId) {
        fixture.openAiApi().responses().replyWith(text -> "You said: " + text).deltaDelay(Duration.ofMillis(1))
                .failNext(FakeResponsesApi.Failure.SERVER_ERROR, 0);
        agent = agentWithKey(alice);
        token = botToken;
        connect(alice, agent, token);
        if (approvedUserId != 0) {
            post(alice, agent, "/users", Map.of("userId", Long.toString(approvedUserId)));
        }
        start(alice, agent);
    }

    private String pairingCode(String reply) {
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group(1);
    }

    @Test
    void an_unknown_user_gets_a_pairing_code_the_owner_approves_then_their_hello_gets_the_models_reply() {
        runningAgent(0);
        long ann = 5001;

        telegram.userWrites(token, ann, "Ann", "hi");
        String code = pairingCode(nthReply(telegram, ann, 1));

        assertThat(settings(alice, agent)).contains("Pending requests").contains("Ann").contains("5001").contains(code);
        post(alice, agent, "/users/5001/approve", Map.of());
        assertThat(settings(alice, agent)).doesNotContain(code).contains("Approved users");

        long started = System.nanoTime();
        telegram.userWrites(token, ann, "Ann", "hello");
        assertThat(nthReply(telegram, ann, 2)).isEqualTo("You said: hello");
        System.out.printf("telegram message to reply: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(telegram.actionsTo(ann)).isGreaterThanOrEqualTo(1);
        assertThat(fixture.app().count("SELECT COUNT(*) FROM conversations WHERE channel = 'telegram' AND agent_id = "
                + agent + " AND external_chat_id = '5001'")).isOne();
    }

    @Test
    void pairing_codes_wait_at_most_three_at_a_time_and_a_denied_request_is_gone() {
        runningAgent(0);
        for (long user = 6001; user <= 6004; user++) {
            telegram.userWrites(token, user, "Person " + user, "hi");
        }
        for (long user = 6001; user <= 6003; user++) {
            assertThat(nthReply(telegram, user, 1)).contains("pairing code is");
        }
        assertThat(nthReply(telegram, 6004, 1)).contains("too many pairing requests");

        post(alice, agent, "/users/6002/deny", Map.of());

        assertThat(settings(alice, agent)).contains("Person 6001").doesNotContain("Person 6002");
        assertThat(alice.htmxPost("/agents/" + agent + "/telegram/users/6002/approve", Map.of()).status()).isEqualTo(422);
    }

    @Test
    void allowed_users_only_refuses_others_and_answers_the_listed_ids() {
        runningAgent(7001);
        post(alice, agent, "/policy", Map.of("policy", "allowed"));

        telegram.userWrites(token, 7002, "Mallory", "let me in");
        telegram.userWrites(token, 7001, "Zed", "hello");

        assertThat(nthReply(telegram, 7002, 1)).contains("only talks to people its owner added").contains("7002");
        assertThat(nthReply(telegram, 7001, 1)).isEqualTo("You said: hello");
        assertThat(settings(alice, agent)).doesNotContain("Mallory").contains("Zed");
        assertThat(fixture.openAiApi().responses().requests()).noneMatch(r -> r.body().toString().contains("let me in"));
    }

    @Test
    void slash_new_starts_a_fresh_conversation_for_the_chat() {
        runningAgent(7101);
        telegram.userWrites(token, 7101, "Zed", "first");
        nthReply(telegram, 7101, 1);

        telegram.userWrites(token, 7101, "Zed", "/new");
        assertThat(nthReply(telegram, 7101, 2)).isEqualTo("Started a new conversation.");
        telegram.userWrites(token, 7101, "Zed", "second");
        nthReply(telegram, 7101, 3);

        assertThat(fixture.app().count("SELECT COUNT(*) FROM conversations WHERE agent_id = " + agent)).isEqualTo(2);
        String lastInput = fixture.openAiApi().responses().lastRequest().body().path("input").toString();
        assertThat(lastInput).contains("second").doesNotContain("first");
    }

    @Test
    void a_first_message_over_the_monthly_limit_gets_the_refusal_and_starts_no_conversation() {
        runningAgent(7451);
        post(alice, agent, "/users", Map.of("userId", "7452"));
        telegram.userWrites(token, 7451, "Zed", "use some tokens");
        nthReply(telegram, 7451, 1);
        String usedSql = "SELECT COALESCE(SUM(m.input_tokens + m.output_tokens), 0) FROM messages m JOIN "
                + "conversations c ON c.id = m.conversation_id WHERE c.agent_id = " + agent;
        eventually("the reply's tokens counted", () -> fixture.app().count(usedSql) > 0);
        long used = fixture.app().count(usedSql);
        alice.post("/agents/" + agent + "/instructions", Map.of("instructions", "",
                "monthlyTokenLimit", Long.toString(used)));

        telegram.userWrites(token, 7452, "Yan", "hello");

        assertThat(nthReply(telegram, 7452, 1)).contains("used its monthly token limit");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM conversations WHERE agent_id = " + agent
                + " AND external_chat_id = '7452'")).isZero();
    }

    @Test
    void a_reply_over_4096_characters_arrives_in_parts_cut_at_paragraphs_as_plain_text() {
        runningAgent(7201);
        String paragraph = "**Bold** <b>not html</b> & more. ".repeat(40).strip();
        String longReply = String.join("\n\n", java.util.Collections.nCopies(8, paragraph));
        fixture.openAiApi().responses().replyWith(text -> longReply);

        telegram.userWrites(token, 7201, "Zed", "write a lot");

        eventually("all parts", () -> String.join("\n\n", telegram.sentTo(7201)).equals(longReply));
        List<String> parts = telegram.sentTo(7201);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(parts.get(0)).endsWith("more.").contains("<b>not html</b>");
    }

    @Test
    void a_provider_failure_gives_the_user_a_short_message_the_owner_an_activity_line_a_banner_and_one_telegram_alert() {
        runningAgent(0);
        post(alice, agent, "/users", Map.of("userId", "7301", "owner", "on"));
        post(alice, agent, "/users", Map.of("userId", "7302"));
        fixture.openAiApi().responses().failNext(FakeResponsesApi.Failure.INSUFFICIENT_QUOTA, 1);

        telegram.userWrites(token, 7302, "Friend", "are you there?");

        assertThat(nthReply(telegram, 7302, 1)).contains("no billing or quota").contains("owner has been told");
        String page = settings(alice, agent);
        assertThat(page).contains("A chat message was refused").contains("id=\"credential-banner\"");
        assertThat(alice.get("/").body()).contains("id=\"credential-banner\"").contains("no billing or quota");
        assertThat(nthReply(telegram, 7301, 1)).contains("can no longer use OpenAI");
        assertThat(stays(Duration.ofSeconds(6), () -> telegram.sentTo(7301))).hasSize(1);
        assertThat(telegram.sentTo(7302)).hasSize(1);
    }

    @Test
    void a_stopped_agent_polls_nothing_and_its_messages_wait_at_telegram_until_start() {
        runningAgent(7401);
        alice.post("/agents/" + agent + "/stop", Map.of());
        long polls = stays(Duration.ofMillis(1500), () -> telegram.calls(token, "getUpdates"));

        telegram.userWrites(token, 7401, "Zed", "while you slept");

        assertThat(stays(Duration.ofSeconds(2), () -> telegram.calls(token, "getUpdates"))).isEqualTo(polls);
        assertThat(telegram.sentTo(7401)).isEmpty();
        start(alice, agent);
        assertThat(nthReply(telegram, 7401, 1)).isEqualTo("You said: while you slept");
    }

    @Test
    void a_401_mid_run_turns_the_card_red_and_stops_polling() {
        runningAgent(7501);
        eventually("polling", () -> telegram.calls(token, "getUpdates") > 0);

        telegram.revoke(token);

        eventually("red card", () -> settings(alice, agent).contains("Telegram rejected this bot token"));
        long polls = telegram.calls(token, "getUpdates");
        assertThat(stays(Duration.ofSeconds(2), () -> telegram.calls(token, "getUpdates"))).isEqualTo(polls);
    }

    @Test
    void a_409_says_another_program_reads_the_bot_backs_off_and_recovers() {
        String bot = newBot(telegram, "chat_bot");
        telegram.failNext(bot, "getUpdates", 409, "Conflict: terminated by other getUpdates request", 0, 2);
        runningAgent(bot, 7601);

        eventually("conflict shown", () -> settings(alice, agent).contains("Another program is reading this bot"));
        telegram.userWrites(token, 7601, "Zed", "still there?");

        assertThat(nthReply(telegram, 7601, 1)).isEqualTo("You said: still there?");
        eventually("green again", () -> settings(alice, agent).contains("Connected as @chat_bot"));
        List<Long> at = telegram.callTimes(token, "getUpdates");
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).as("first backoff").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(at.get(2) - at.get(1))).as("doubled").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_429_waits_the_retry_after_telegram_asks_for() {
        String bot = newBot(telegram, "chat_bot");
        telegram.failNext(bot, "getUpdates", 429, "Too Many Requests: retry after 3", 3, 1);
        runningAgent(bot, 7701);

        telegram.userWrites(token, 7701, "Zed", "patience");

        assertThat(nthReply(telegram, 7701, 1)).isEqualTo("You said: patience");
        List<Long> at = telegram.callTimes(token, "getUpdates");
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}
