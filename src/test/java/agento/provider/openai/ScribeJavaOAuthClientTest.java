package agento.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import agento.fakes.FakeOpenAiAuth;
import agento.fakes.FakeOpenAiAuth.Revocation;
import agento.fakes.FakeOpenAiAuth.TokenFailure;
import agento.fakes.LoopbackServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScribeJavaOAuthClientTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private final FakeOpenAiAuth auth = new FakeOpenAiAuth().clock(Clock.fixed(NOW, ZoneOffset.UTC));
    private final OAuthClient client = clientFor(auth.redirectUri(), Duration.ofSeconds(10));

    @AfterEach
    void stopFake() {
        auth.close();
    }

    @Test
    void the_authorization_url_carries_an_s256_challenge_of_a_fresh_32_byte_verifier() {
        AuthorizationRequest first = client.startAuthorization("state-1");
        AuthorizationRequest second = client.startAuthorization("state-1");

        Map<String, String> query = query(first.url());
        assertThat(first.url()).startsWith(auth.authorizeUrl() + "?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", auth.clientId())
                .containsEntry("redirect_uri", auth.redirectUri()).containsEntry("state", "state-1")
                .containsEntry("scope", "openid profile email offline_access")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("code_challenge", Pkce.challengeOf(first.codeVerifier()))
                .containsEntry("originator", "agento");
        assertThat(first.codeVerifier()).matches("[A-Za-z0-9_-]{43}");
        assertThat(second.codeVerifier()).isNotEqualTo(first.codeVerifier());
        assertThat(first.toString()).doesNotContain(first.codeVerifier());
    }

    @Test
    void approving_and_exchanging_the_code_yields_tokens_and_the_accounts_claims() {
        AuthorizationRequest request = client.startAuthorization("state-2");
        Map<String, String> callback = query(auth.approve(request.url()));

        TokenSet tokens = client.exchangeCode(callback.get("code"), request.codeVerifier());

        assertThat(callback.get("state")).isEqualTo("state-2");
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.refreshToken()).isNotBlank();
        assertThat(tokens.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(IdTokenClaims.parse(tokens.idToken()))
                .isEqualTo(new IdTokenClaims("ada@example.com", auth.accountId(), "plus"));
        assertThat(auth.lastTokenRequest()).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", auth.redirectUri()).doesNotContainKey("client_secret");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken(), tokens.idToken());
    }

    @Test
    void without_expires_in_the_expiry_comes_from_the_access_tokens_exp_claim() {
        auth.sendExpiresIn(false).accessTokenLifetime(Duration.ofMinutes(30));

        TokenSet tokens = signIn(client);

        assertThat(tokens.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void a_wrong_verifier_fails_with_invalid_grant_and_issues_no_tokens() {
        AuthorizationRequest request = client.startAuthorization("state-3");
        String code = query(auth.approve(request.url())).get("code");
        String otherVerifier = client.startAuthorization("state-x").codeVerifier();

        OAuthFailure failure = catchThrowableOfType(() -> client.exchangeCode(code, otherVerifier),
                OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
        assertThat(failure.getMessage()).doesNotContain(code, otherVerifier);
        assertThatThrownBy(() -> client.exchangeCode(code, request.codeVerifier()))
                .isInstanceOf(OAuthFailure.class);
    }

    @Test
    void a_code_can_be_exchanged_only_once() {
        AuthorizationRequest request = client.startAuthorization("state-4");
        String code = query(auth.approve(request.url())).get("code");
        client.exchangeCode(code, request.codeVerifier());

        OAuthFailure failure = catchThrowableOfType(() -> client.exchangeCode(code, request.codeVerifier()),
                OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
        assertThat(failure.providerCode()).isEqualTo("invalid_grant");
    }

    @Test
    void a_redirect_uri_that_differs_from_the_authorize_one_is_refused_at_the_token_endpoint() {
        AuthorizationRequest request = client.startAuthorization("state-5");
        String code = query(auth.approve(request.url())).get("code");
        OAuthClient elsewhere = clientFor("http://localhost:7070/oauth/openai/callback/", Duration.ofSeconds(10));

        OAuthFailure failure = catchThrowableOfType(() -> elsewhere.exchangeCode(code, request.codeVerifier()),
                OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
    }

    @Test
    void a_denied_authorization_comes_back_as_access_denied() {
        AuthorizationRequest request = client.startAuthorization("state-6");

        Map<String, String> callback = query(auth.deny(request.url()));

        assertThat(callback).containsEntry("error", "access_denied").containsEntry("state", "state-6")
                .doesNotContainKey("code");
        assertThat(OAuthFailure.fromCallbackError(callback.get("error")).kind())
                .isEqualTo(OAuthFailure.Kind.ACCESS_DENIED);
    }

    @Test
    void the_callback_issuer_is_checked_against_the_expected_one() {
        auth.issuerInCallback(true);
        Map<String, String> callback = query(auth.approve(client.startAuthorization("state-7").url()));
        OAuthSettings settings = settings(auth.redirectUri());

        assertThat(settings.acceptsIssuer(callback.get("iss"))).isTrue();
        assertThat(settings.acceptsIssuer("https://evil.example")).isFalse();
        assertThat(settings.acceptsIssuer(null)).isTrue();
    }

    @Test
    void the_authorization_server_refuses_plain_or_missing_pkce() throws Exception {
        String url = client.startAuthorization("state-8").url();
        String plain = url.replace("code_challenge_method=S256", "code_challenge_method=plain");
        String missing = url.replace("&code_challenge_method=S256", "").replace("code_challenge_method=S256&", "");

        for (String refused : List.of(plain, missing)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(refused)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("S256");
        }
        assertThatThrownBy(() -> auth.approve(plain)).hasMessageContaining("400");
    }

    @Test
    void refreshing_rotates_the_refresh_token() {
        TokenSet first = signIn(client);

        TokenSet second = client.refresh(first.refreshToken());

        assertThat(second.refreshToken()).isNotBlank().isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.idToken()).isNotBlank();
        assertThat(auth.refreshCount()).isEqualTo(1);
        assertThat(client.refresh(second.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void a_refresh_that_does_not_rotate_leaves_the_refresh_token_null_so_the_old_one_is_kept() {
        auth.rotateRefreshTokens(false);
        TokenSet first = signIn(client);

        TokenSet second = client.refresh(first.refreshToken());

        assertThat(second.refreshToken()).isNull();
        assertThat(client.refresh(first.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void reusing_a_rotated_refresh_token_is_invalid_grant_refresh_token_reused() {
        TokenSet first = signIn(client);
        client.refresh(first.refreshToken());

        OAuthFailure failure = catchThrowableOfType(() -> client.refresh(first.refreshToken()), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
        assertThat(failure.providerCode()).isEqualTo("refresh_token_reused");
        assertThat(failure.getMessage()).doesNotContain(first.refreshToken());
    }

    @Test
    void fifty_concurrent_refreshes_of_one_token_rotate_it_exactly_once() throws Exception {
        TokenSet first = signIn(client);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        Callable<String> refresh = () -> {
            go.await();
            try {
                return client.refresh(first.refreshToken()).refreshToken();
            } catch (OAuthFailure failure) {
                return failure.providerCode();
            }
        };
        for (int i = 0; i < 50; i++) {
            outcomes.add(pool.submit(refresh));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn("refresh_token_reused"::equals).hasSize(49);
        assertThat(auth.refreshCount()).isEqualTo(50);
    }

    @Test
    void an_unknown_refresh_token_is_invalid_grant() {
        auth.failTokenEndpoint(TokenFailure.INVALID_GRANT);

        OAuthFailure failure = catchThrowableOfType(() -> client.refresh("rt_unknown"), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
        assertThat(failure.providerCode()).isEqualTo("invalid_grant");
    }

    @Test
    void a_token_endpoint_server_error_is_transient() {
        TokenSet first = signIn(client);
        auth.failTokenEndpoint(TokenFailure.SERVER_ERROR);

        OAuthFailure failure = catchThrowableOfType(() -> client.refresh(first.refreshToken()), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.TRANSIENT);
        assertThat(failure.getMessage()).contains("HTTP 500");
    }

    @Test
    void a_token_endpoint_that_does_not_answer_in_time_is_transient() {
        OAuthClient impatient = clientFor(auth.redirectUri(), Duration.ofSeconds(1));
        auth.failTokenEndpoint(TokenFailure.SLOW).slowDelay(Duration.ofSeconds(5));
        long started = System.nanoTime();

        OAuthFailure failure = catchThrowableOfType(() -> impatient.refresh("rt_whatever"), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.TRANSIENT);
        assertThat(failure.providerCode()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_token_endpoint_that_is_not_listening_is_transient() {
        auth.close();

        OAuthFailure failure = catchThrowableOfType(() -> client.refresh("rt_whatever"), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.TRANSIENT);
        assertThat(failure.providerCode()).isEqualTo("network");
    }

    @Test
    void revoking_posts_the_refresh_token_with_its_type_hint_and_kills_the_grant() {
        TokenSet tokens = signIn(client);

        client.revoke(tokens.refreshToken());

        assertThat(auth.revocations()).containsExactly(
                new Revocation(tokens.refreshToken(), "refresh_token", auth.clientId()));
        assertThat(auth.isAccessTokenValid(tokens.accessToken(), auth.accountId())).isFalse();
        OAuthFailure failure = catchThrowableOfType(() -> client.refresh(tokens.refreshToken()), OAuthFailure.class);
        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.INVALID_GRANT);
    }

    @Test
    void a_failed_revocation_is_transient_and_was_still_attempted() {
        TokenSet tokens = signIn(client);
        auth.failRevocation(true);

        OAuthFailure failure = catchThrowableOfType(() -> client.revoke(tokens.refreshToken()), OAuthFailure.class);

        assertThat(failure.kind()).isEqualTo(OAuthFailure.Kind.TRANSIENT);
        assertThat(auth.revocations()).hasSize(1);
    }

    private TokenSet signIn(OAuthClient oauth) {
        AuthorizationRequest request = oauth.startAuthorization("state-sign-in");
        return oauth.exchangeCode(query(auth.approve(request.url())).get("code"), request.codeVerifier());
    }

    private OAuthClient clientFor(String redirectUri, Duration totalTimeout) {
        return new ScribeJavaOAuthClient(settings(redirectUri), Duration.ofSeconds(2), totalTimeout,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private OAuthSettings settings(String redirectUri) {
        return new OAuthSettings(auth.authorizeUrl(), auth.tokenUrl(), auth.revokeUrl(), auth.clientId(),
                OAuthSettings.OPENAI_SCOPES, redirectUri, Map.of("originator", "agento"), auth.issuer());
    }

    private static Map<String, String> query(String url) {
        return LoopbackServer.params(URI.create(url).getRawQuery());
    }
}
