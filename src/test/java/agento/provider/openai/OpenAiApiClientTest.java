package agento.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.fakes.FakeOpenAiApi.Mode;
import agento.fakes.FakeOpenAiAuth;
import agento.fakes.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiApiClientTest {

    private static final String KEY = "sk-proj-TESTKEY0000canary0000abcd";

    private final FakeOpenAiAuth auth = new FakeOpenAiAuth();
    private final FakeOpenAiApi api = new FakeOpenAiApi(auth).acceptKey(KEY);
    private final OpenAiApiClient client = new OpenAiApiClient(api.baseUrl(), api.chatGptBaseUrl());

    @AfterEach
    void stopFakes() {
        api.close();
        auth.close();
    }

    @Test
    void a_known_key_is_valid_and_lists_the_models_with_the_key_as_bearer_token() {
        KeyCheck check = client.checkApiKey(KEY);

        assertThat(check).isEqualTo(new KeyCheck.Valid(
                List.of("gpt-5.2", "gpt-4.1", "gpt-4o-mini", "text-embedding-3-small", "whisper-1")));
        assertThat(api.lastHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(check.toString()).doesNotContain(KEY);
    }

    @Test
    void an_unknown_key_is_rejected_once_without_retrying() {
        KeyCheck check = client.checkApiKey("sk-proj-wrongwrongwrongwrong1234");

        assertThat(check).isInstanceOf(KeyCheck.Rejected.class);
        assertThat(api.requestCount("/v1/models")).isEqualTo(1);
        assertThat(check.message()).doesNotContain("1234");
    }

    @Test
    void a_key_with_a_line_break_is_rejected_without_calling_openai() {
        assertThat(client.checkApiKey(KEY + "\r\nX-Evil: 1")).isInstanceOf(KeyCheck.Rejected.class);
        assertThat(api.requestCount("/v1/models")).isZero();
    }

    @Test
    void a_key_without_the_model_read_scope_is_forbidden_naming_the_permission() {
        api.restrictKey("sk-proj-restricted000000000000");

        KeyCheck check = client.checkApiKey("sk-proj-restricted000000000000");

        assertThat(check).isEqualTo(new KeyCheck.Forbidden("model listing (api.model.read)"));
        assertThat(check.message()).contains("model listing (api.model.read)");
    }

    @Test
    void several_missing_scopes_are_all_named() {
        ProviderErrorBody error = ProviderErrorBody.parse("{\"error\":{\"message\":\"You have insufficient "
                + "permissions for this operation. Missing scopes: api.model.read, api.responses.write. Check that "
                + "you have the correct role.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");

        assertThat(error.missingPermission())
                .isEqualTo("model listing (api.model.read), the Responses API (api.responses.write)");
    }

    @Test
    void a_key_without_quota_reports_no_quota_without_retrying() {
        api.mode(Mode.QUOTA_EXCEEDED);

        assertThat(client.checkApiKey(KEY)).isInstanceOf(KeyCheck.NoQuota.class);
        assertThat(api.requestCount("/v1/models")).isEqualTo(1);
    }

    @Test
    void a_rate_limited_key_is_retried_twice_honouring_retry_after_then_reported_rate_limited() {
        api.mode(Mode.RATE_LIMITED);
        long started = System.nanoTime();

        KeyCheck check = client.checkApiKey(KEY);

        assertThat(check).isInstanceOf(KeyCheck.RateLimited.class);
        assertThat(api.requestCount("/v1/models")).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @Test
    void a_server_error_is_retried_twice_then_reported_unreachable() {
        api.mode(Mode.SERVER_ERROR);

        KeyCheck check = client.checkApiKey(KEY);

        assertThat(check).isEqualTo(new KeyCheck.Unreachable("OpenAI error, HTTP 500"));
        assertThat(api.requestCount("/v1/models")).isEqualTo(3);
    }

    @Test
    void a_provider_that_never_answers_is_unreachable_within_the_ten_second_budget() {
        api.mode(Mode.SLOW).slowDelay(Duration.ofSeconds(30));
        long started = System.nanoTime();

        KeyCheck check = client.checkApiKey(KEY);

        assertThat(check).isEqualTo(new KeyCheck.Unreachable("timed out"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(10_500));
    }

    @Test
    void a_provider_that_is_not_listening_is_unreachable() {
        int port = api.port();
        api.close();

        KeyCheck check = new OpenAiApiClient("http://127.0.0.1:" + port + "/v1", api.chatGptBaseUrl(),
                Duration.ofSeconds(1), Duration.ofSeconds(2)).checkApiKey(KEY);

        assertThat(check).isEqualTo(new KeyCheck.Unreachable("could not connect"));
    }

    @Test
    void an_issued_access_token_with_its_account_header_opens_the_chatgpt_backend() {
        TokenSet tokens = signIn();

        KeyCheck check = client.checkChatGptAccess(tokens.accessToken(), auth.accountId());

        assertThat(check).isEqualTo(new KeyCheck.Valid(
                List.of("gpt-5.2", "gpt-5.2-codex", "gpt-5.1-codex-mini")));
        assertThat(api.lastHeader("ChatGPT-Account-Id")).isEqualTo(auth.accountId());
    }

    @Test
    void an_issued_access_token_for_another_account_or_expired_is_rejected() {
        TokenSet tokens = signIn();

        assertThat(client.checkChatGptAccess(tokens.accessToken(), "acct-someone-else"))
                .isInstanceOf(KeyCheck.Rejected.class);
        auth.expireAccessTokens();
        assertThat(client.checkChatGptAccess(tokens.accessToken(), auth.accountId()))
                .isInstanceOf(KeyCheck.Rejected.class);
    }

    @Test
    void the_chatgpt_backend_refuses_a_token_without_the_account_header() throws Exception {
        TokenSet tokens = signIn();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.chatGptBaseUrl() + "/models"))
                .header("Authorization", "Bearer " + tokens.accessToken()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
    }

    private TokenSet signIn() {
        OAuthClient oauth = new ScribeJavaOAuthClient(new OAuthSettings(auth.authorizeUrl(), auth.tokenUrl(),
                auth.revokeUrl(), auth.clientId(), OAuthSettings.OPENAI_SCOPES, auth.redirectUri(), Map.of(),
                auth.issuer()));
        AuthorizationRequest request = oauth.startAuthorization("state-123");
        String callback = auth.approve(request.url());
        String code = LoopbackServer.params(URI.create(callback).getRawQuery()).get("code");
        return oauth.exchangeCode(code, request.codeVerifier());
    }
}
