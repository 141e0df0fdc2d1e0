package agento.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A running agent stays running when the server restarts; a reply cut off by the restart is marked so. */
class AgentRestartTest {
    static final String KEY = "sk-proj-RestartKeyForTests0123456789Ab";

    @RegisterExtension
    final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withAlice().onTheSystemClock();

    @Test
    void a_running_agent_is_running_again_after_a_restart_and_answers() {
        WebClient alice = fixture.alice();
        long agent = Accounts.connectAndStart(alice, fixture.newAgent(), KEY);

        fixture.app().restart(Clock.systemUTC());

        WebClient again = new WebClient(fixture.app());
        again.signIn(AgentoFixture.ALICE, Accounts.PASSWORD);
        assertThat(again.get("/agents/" + agent).body()).contains(">Running<");
        WebClient.Response sent = again.post("/agents/" + agent + "/chat/messages", Map.of("message", "Still there?"));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(again.get("/agents/" + agent + "/chat").body()).contains("You said: Still there?");
    }

    @Test
    void a_reply_and_a_tool_call_a_stopped_server_left_unfinished_are_marked_so_after_a_restart() {
        WebClient alice = fixture.alice();
        long agent = Accounts.connectAndStart(alice, fixture.newAgent(), KEY);
        assertThat(alice.post("/agents/" + agent + "/chat/messages", Map.of("message", "Cut me off")).status())
                .isEqualTo(303);
        awaitCompleteReplies(1);
        // what a server stopped in the middle of the reply leaves behind
        fixture.app().jdbi().useHandle(h -> {
            h.execute("UPDATE messages SET status = 'streaming', finished_at = NULL WHERE role = 'assistant'");
            h.execute("INSERT INTO tool_calls (message_id, call_id, label, arguments, status, text_offset, created_at)"
                    + " SELECT id, 'call_1', 'Weather: Get forecast', '{}', 'running', 0, created_at FROM messages"
                    + " WHERE role = 'assistant'");
        });

        fixture.app().restart(Clock.systemUTC());

        assertThat(fixture.app().count("SELECT COUNT(*) FROM messages WHERE status = 'incomplete'")).isEqualTo(1);
        assertThat(fixture.app().count("SELECT COUNT(*) FROM tool_calls WHERE status = 'failed'")).isEqualTo(1);
        WebClient again = new WebClient(fixture.app());
        again.signIn(AgentoFixture.ALICE, Accounts.PASSWORD);
        assertThat(again.get("/agents/" + agent + "/chat").body())
                .contains("The server restarted before this reply was finished.")
                .contains("The server restarted before this call was finished.");
    }

    private void awaitCompleteReplies(int replies) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (fixture.app().count("SELECT COUNT(*) FROM messages WHERE role = 'assistant' AND status = 'complete'")
                < replies) {
            assertThat(System.nanoTime()).as("the reply completes within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
