package agento.provider.openai;

import agento.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.extractors.OAuth2AccessTokenJsonExtractor;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClient;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.AuthorizationUrlBuilder;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCECodeChallengeMethod;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@link OAuthClient} on ScribeJava: the only class that imports it, so it stays replaceable. */
public final class ScribeJavaOAuthClient implements OAuthClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(10);


    private final OAuthSettings settings;
    private final OAuth20Service service;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private final SecureRandom random = new SecureRandom();
    // ScribeJava's JDK client only has connect and per-read timeouts; this bounds each call's total time
    private final TimeBoundCalls calls;

    static {
        // the JDK HTTP client behind ScribeJava may silently resend a POST on a stale connection; a resent refresh
        // would present an already rotated refresh token and look like "refresh_token_reused"
        System.setProperty("sun.net.http.retryPost", "false");
    }

    @Override
    public OAuthSettings settings() {
        return settings;
    }

    public ScribeJavaOAuthClient(OAuthSettings settings) {
        this(settings, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, Clock.systemUTC());
    }

    public ScribeJavaOAuthClient(OAuthSettings settings, Duration connectTimeout, Duration totalTimeout, Clock clock) {
        this.settings = settings;
        this.calls = new TimeBoundCalls(totalTimeout);
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
        JDKHttpClientConfig http = JDKHttpClientConfig.defaultConfig()
                .withConnectTimeout((int) connectTimeout.toMillis())
                .withReadTimeout((int) totalTimeout.toMillis())
                .withFollowRedirects(false);
        this.service = new ServiceBuilder(settings.clientId())
                .callback(settings.redirectUri())
                .httpClient(new JDKHttpClient(http))
                .build(new ConfiguredApi(settings));
    }

    @Override
    public AuthorizationRequest startAuthorization(String state) {
        requireText(state, "state");
        Pkce pkce = Pkce.generate(random);
        PKCE params = new PKCE();
        params.setCodeVerifier(pkce.verifier());
        params.setCodeChallenge(pkce.challenge());
        params.setCodeChallengeMethod(PKCECodeChallengeMethod.S256);
        AuthorizationUrlBuilder url = service.createAuthorizationUrlBuilder()
                .state(state)
                .additionalParams(settings.extraAuthorizeParams())
                .pkce(params);
        if (!settings.scopes().isEmpty()) {
            url.scope(settings.scopes());
        }
        return new AuthorizationRequest(url.build(), pkce.verifier());
    }

    @Override
    public TokenSet exchangeCode(String code, String codeVerifier) {
        requireText(code, "code");
        requireText(codeVerifier, "codeVerifier");
        Instant requestedAt = clock.instant();
        AccessTokenRequestParams params = AccessTokenRequestParams.create(code).pkceCodeVerifier(codeVerifier);
        return toTokenSet(calls.call(() -> service.getAccessToken(params)), requestedAt);
    }

    @Override
    public TokenSet refresh(String refreshToken) {
        requireText(refreshToken, "refreshToken");
        Instant requestedAt = clock.instant();
        return toTokenSet(calls.call(() -> service.refreshAccessToken(refreshToken)), requestedAt);
    }

    @Override
    public void revoke(String refreshToken) {
        requireText(refreshToken, "refreshToken");
        if (settings.revokeUrl() == null || settings.revokeUrl().isBlank()) {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED, null, "No revocation endpoint is configured");
        }
        OAuthRequest request = new OAuthRequest(Verb.POST, settings.revokeUrl());
        request.addParameter("token", refreshToken);
        request.addParameter("token_type_hint", "refresh_token");
        request.addParameter("client_id", settings.clientId());
        calls.call(() -> {
            try (Response response = service.execute(request)) {
                if (response.getCode() < 200 || response.getCode() > 299) {
                    throw OAuthFailure.fromResponse(response.getCode(), response.getBody());
                }
                return null;
            }
        });
    }

    @Override
    public OAuthClient withRedirectUri(String redirectUri) {
        return new ScribeJavaOAuthClient(settings.withRedirectUri(redirectUri), connectTimeout, totalTimeout, clock);
    }

    private static TokenSet toTokenSet(OAuth2AccessToken token, Instant requestedAt) {
        String idToken = null;
        try {
            JsonNode id = Json.mapper().readTree(token.getRawResponse()).get("id_token");
            idToken = id != null && id.isTextual() ? id.asText() : null;
        } catch (IOException unreadable) {
            // ScribeJava already parsed this body; an id token is optional
        }
        return TokenSet.fromResponse(token.getAccessToken(), token.getRefreshToken(), idToken,
                token.getExpiresIn(), requestedAt);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The registration's endpoints; a public client, so client_id goes in the body and there is no secret. */
    private static final class ConfiguredApi extends DefaultApi20 {
        private final OAuthSettings settings;

        ConfiguredApi(OAuthSettings settings) {
            this.settings = settings;
        }

        @Override
        public String getAccessTokenEndpoint() {
            return settings.tokenUrl();
        }

        @Override
        protected String getAuthorizationBaseUrl() {
            return settings.authorizeUrl();
        }

        @Override
        public String getRevokeTokenEndpoint() {
            return settings.revokeUrl();
        }

        @Override
        public ClientAuthentication getClientAuthentication() {
            return RequestBodyAuthenticationScheme.instance();
        }

        @Override
        public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
            return ConfiguredApi::readTokenResponse;
        }

        private static OAuth2AccessToken readTokenResponse(Response response) throws IOException {
            if (response.getCode() != 200) {
                throw OAuthFailure.fromResponse(response.getCode(), response.getBody());
            }
            try {
                return OAuth2AccessTokenJsonExtractor.instance().extract(response);
            } catch (RuntimeException | IOException unreadable) {
                throw OAuthFailure.transientFailure("invalid_response",
                        "The sign-in service sent an unreadable token response");
            }
        }
    }
}
