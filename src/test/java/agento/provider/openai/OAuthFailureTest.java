package agento.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import agento.provider.openai.OAuthFailure.Kind;
import org.junit.jupiter.api.Test;

class OAuthFailureTest {

    @Test
    void openais_nested_refresh_token_errors_are_invalid_grant() {
        for (String code : new String[] {"refresh_token_reused", "refresh_token_expired",
                "refresh_token_invalidated"}) {
            OAuthFailure failure = OAuthFailure.fromResponse(401, "{\"error\":{\"message\":\"m\",\"type\":"
                    + "\"invalid_request_error\",\"param\":null,\"code\":\"" + code + "\"}}");
            assertThat(failure.kind()).isEqualTo(Kind.INVALID_GRANT);
            assertThat(failure.providerCode()).isEqualTo(code);
        }
    }

    @Test
    void a_standard_invalid_grant_is_invalid_grant_and_its_description_is_not_echoed() {
        OAuthFailure failure = OAuthFailure.fromResponse(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"token rt_SECRET is dead\"}");

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_GRANT);
        assertThat(failure.getMessage()).doesNotContain("rt_SECRET");
    }

    @Test
    void other_client_errors_are_rejected() {
        assertThat(OAuthFailure.fromResponse(401, "{\"error\":\"invalid_client\"}").kind()).isEqualTo(Kind.REJECTED);
        assertThat(OAuthFailure.fromResponse(400, "").kind()).isEqualTo(Kind.REJECTED);
    }

    @Test
    void server_errors_rate_limits_and_html_answers_are_transient() {
        assertThat(OAuthFailure.fromResponse(500, "{\"error\":\"server_error\"}").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(OAuthFailure.fromResponse(429, "{\"error\":\"slow_down\"}").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(OAuthFailure.fromResponse(503, "<html>down</html>").kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void a_provider_code_that_is_not_an_identifier_is_not_echoed() {
        OAuthFailure failure = OAuthFailure.fromResponse(400, "{\"error\":\"<script>alert(1)</script>\"}");

        assertThat(failure.providerCode()).isNull();
        assertThat(failure.getMessage()).doesNotContain("script");
    }

    @Test
    void callback_errors_map_access_denied_and_server_trouble() {
        assertThat(OAuthFailure.fromCallbackError("access_denied").kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(OAuthFailure.fromCallbackError("temporarily_unavailable").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(OAuthFailure.fromCallbackError("invalid_scope").kind()).isEqualTo(Kind.REJECTED);
    }
}
