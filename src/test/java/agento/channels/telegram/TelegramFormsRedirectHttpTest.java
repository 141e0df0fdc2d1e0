package agento.channels.telegram;

import static agento.channels.telegram.TelegramSteps.agentWithKey;
import static agento.channels.telegram.TelegramSteps.connect;
import static agento.channels.telegram.TelegramSteps.newBot;
import static agento.channels.telegram.TelegramSteps.post;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeTelegramApi;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without JavaScript the Telegram card's forms redirect after the post: a refusal goes back to the Settings tab with
 * the message next to its field; a typed user id comes back, a bot token never does.
 */
class TelegramFormsRedirectHttpTest {
    static final FakeTelegramApi telegram = new FakeTelegramApi();

    @RegisterExtension
    @Order(1)
    static final AfterAllCallback closeTelegramLast = context -> telegram.close();

    @RegisterExtension
    @Order(2)
    static final AgentoFixture fixture = TelegramSteps.agentoWith(telegram).withAlice();
    private final WebClient alice = fixture.alice();

    @Test
    void a_refused_bot_token_goes_back_to_the_card_with_the_message_and_never_the_token() {
        long agent = agentWithKey(alice);
        String malformed = "123456789:AAHlooksRealButTelegramNeverIssued00000";

        WebClient.Response refused = connect(alice, agent, malformed);

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/agents/" + agent + "/settings#channels-heading");
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"bot-token-error\"").contains("Telegram rejected this bot token")
                .doesNotContain(malformed);
        assertThat(fixture.app().count("SELECT COUNT(*) FROM telegram_bots WHERE agent_id = " + agent)).isZero();
    }

    @Test
    void a_refused_user_id_comes_back_typed_next_to_its_message() {
        long agent = agentWithKey(alice);
        connect(alice, agent, newBot(telegram, "redirect_bot"));

        WebClient.Response refused = post(alice, agent, "/users", Map.of("userId", "not-a-number"));

        assertThat(refused.status()).isEqualTo(303);
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"telegram-user-id-error\"").contains("A Telegram user id is a number")
                .contains("value=\"not-a-number\"");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM telegram_users WHERE agent_id = " + agent)).isZero();
    }
}
