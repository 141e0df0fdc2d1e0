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
}
