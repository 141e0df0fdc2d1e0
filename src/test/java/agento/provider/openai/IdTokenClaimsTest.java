package agento.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdTokenClaimsTest {

    @Test
    void email_account_and_plan_come_from_the_openai_auth_claim() {
        String idToken = jwt("{\"email\":\"ada@example.com\",\"https://api.openai.com/auth\":"
                + "{\"chatgpt_account_id\":\"acct-1\",\"chatgpt_plan_type\":\"pro\"}}");

        assertThat(IdTokenClaims.parse(idToken)).isEqualTo(new IdTokenClaims("ada@example.com", "acct-1", "pro"));
    }

    @Test
    void missing_claims_are_null() {
        assertThat(IdTokenClaims.parse(jwt("{\"sub\":\"x\"}"))).isEqualTo(new IdTokenClaims(null, null, null));
    }

    @Test
    void something_that_is_not_a_jwt_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> IdTokenClaims.parse("opaque-SECRET-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> IdTokenClaims.parse("a.%%%SECRET.c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRET");
    }

    @Test
    void a_token_set_takes_expires_in_first_then_the_jwt_exp_else_leaves_expiry_unknown() {
        Instant sent = Instant.parse("2030-01-01T00:00:00Z");
        String access = jwt("{\"exp\":" + sent.plusSeconds(600).getEpochSecond() + "}");

        assertThat(TokenSet.fromResponse(access, "r", null, 60, sent).expiresAt()).isEqualTo(sent.plusSeconds(60));
        assertThat(TokenSet.fromResponse(access, "r", null, null, sent).expiresAt()).isEqualTo(sent.plusSeconds(600));
        assertThat(TokenSet.fromResponse("opaque", "", null, null, sent))
                .satisfies(tokens -> assertThat(tokens.expiresAt()).isNull())
                .satisfies(tokens -> assertThat(tokens.refreshToken()).isNull());
    }

    private static String jwt(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
