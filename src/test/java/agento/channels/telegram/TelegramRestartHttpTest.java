package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.agentWithKey;
import static agento.channels.telegram.TelegramSteps.connect;
import static agento.channels.telegram.TelegramSteps.eventually;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.nthReply;
import static agento.channels.telegram.TelegramSteps.post;
import static agento.channels.telegram.TelegramSteps.start;
import static agento.channels.telegram.TelegramSteps.stays;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeTelegramApi;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The offset in the database and the lease: restarts and several servers neither lose nor repeat a message. */
class TelegramRestartHttpTest {
    static final FakeTelegramApi telegram = new FakeTelegramApi();

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeTelegramLast = context -> telegram.close();

    @RegisterExtension
    @Order(2)
    final AgentoFixture fixture = TelegramSteps.agentoWith(telegram).withAlice();

    private long agent;
    private String token;

    private void runningAgentWithUser(long userId) {
        WebClient alice = fixture.alice();
        agent = agentWithKey(alice);
        token = newBot(telegram, "steady_bot");
        connect(alice, agent, token);
        post(alice, agent, "/users", Map.of("userId", Long.toString(userId)));
        start(alice, agent);
    }

    private int stored(String role) {
        return fixture.app().count("SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                + "WHERE c.agent_id = " + agent + " AND m.role = '" + role + "'");
    }

    @Test
    void a_restart_mid_conversation_loses_and_repeats_nothing() {
        fixture.openAiApi().responses().replyWith(text -> "Slowly: " + text + " one two three four five six")
                .deltaDelay(Duration.ofMillis(150));
        runningAgentWithUser(8001);
        telegram.userWrites(token, 8001, "Zed", "first");
        eventually("typing", () -> telegram.actionsTo(8001) > 0);

        fixture.app().stop(); // the reply being written still goes out before the poller lets go
        telegram.userWrites(token, 8001, "Zed", "second, sent while Agento was down");
        assertThat(telegram.sentTo(8001)).hasSize(1);
        fixture.app().restart(Clock.systemUTC());

        assertThat(nthReply(telegram, 8001, 2)).startsWith("Slowly: second, sent while Agento was down");
        assertThat(stays(Duration.ofSeconds(2), () -> telegram.sentTo(8001))).containsExactly(
                "Slowly: first one two three four five six",
                "Slowly: second, sent while Agento was down one two three four five six");
        assertThat(stored("user")).isEqualTo(2);
        assertThat(stored("assistant")).isEqualTo(2);
        assertThat(telegram.unconfirmed(token)).isZero();
    }

    @Test
    void with_two_servers_on_one_database_exactly_one_polls_the_bot_and_the_other_takes_over_when_it_stops() {
        fixture.openAiApi().responses().replyWith(text -> "You said: " + text).deltaDelay(Duration.ofMillis(1));
        TestApp first = fixture.app();
        String dbUrl = "jdbc:h2:file:" + first.dataDir().toAbsolutePath().resolve("agento") + ";DB_CLOSE_ON_EXIT=FALSE";
        int conflicts = telegram.pollConflicts();
        try (TestApp second = TestApp.start(Map.of("AGENTO_DATA_DIR", first.dataDir().toString(), "AGENTO_DB_URL", dbUrl,
                "AGENTO_OPENAI_API_BASE", fixture.openAiApi().baseUrl(),
                "AGENTO_TELEGRAM_API_BASE", telegram.baseUrl()), Clock.systemUTC())) {
            runningAgentWithUser(8101);
            for (int i = 1; i <= 10; i++) {
                telegram.userWrites(token, 8101, "Zed", "message " + i);
            }
            nthReply(telegram, 8101, 10);

            int polling = first.agento().telegramPoller().pollingCount() + second.agento().telegramPoller().pollingCount();
            assertThat(polling).isOne();
            assertThat(stays(Duration.ofSeconds(1), () -> telegram.sentTo(8101))).hasSize(10)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 10)
                            .mapToObj(i -> "You said: message " + i).toList());
            assertThat(telegram.pollConflicts()).isEqualTo(conflicts);

            TestApp holder = first.agento().telegramPoller().pollingCount() == 1 ? first : second;
            TestApp other = holder == first ? second : first;
            holder.stop();
            telegram.userWrites(token, 8101, "Zed", "who is there now?");
            assertThat(nthReply(telegram, 8101, 11)).isEqualTo("You said: who is there now?");
            assertThat(other.agento().telegramPoller().pollingCount()).isOne();
            List<String> all = telegram.sentTo(8101);
            assertThat(all).doesNotHaveDuplicates();
        }
    }
}
