package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.MutableClock;
import agento.support.OpenAiFakes;
import agento.support.TestApp;
import agento.support.WebClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign in with OpenAI over real HTTP against the fake authorization server: every check before a token call. */
class OAuthFlowHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAi().withAliceAndBob();
    private final OpenAiFakes fakes = fixture.fakes();
    private final MutableClock clock = fixture.clock();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final long agent = fixture.newAgent();

    private String startFlow(WebClient client) {
        WebClient.Response r = client.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect"));
        assertThat(r.status()).isEqualTo(303);
        return r.location();
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return params;
    }

    private String settings() {
        return alice.get("/agents/" + agent + "/settings").body();
    }

    @Test
    void the_authorization_url_carries_pkce_s256_a_fresh_state_and_the_configured_parameters() {
        Map<String, String> first = query(startFlow(alice));
        Map<String, String> second = query(startFlow(alice));
        assertThat(first.get("code_challenge_method")).isEqualTo("S256");
        assertThat(first.get("code_challenge")).hasSize(43);
        assertThat(first.get("state")).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(second.get("state"));
        assertThat(first.get("code_challenge")).isNotEqualTo(second.get("code_challenge"));
        assertThat(first.get("client_id")).isEqualTo(fakes.auth.clientId());
        assertThat(first.get("redirect_uri")).isEqualTo(fakes.auth.redirectUri());
        assertThat(first.get("scope")).isEqualTo("openid profile email offline_access");
        assertThat(first).containsEntry("id_token_add_organizations", "true").containsEntry("originator", "agento");
    }

    @Test
    void allow_connects_with_the_account_email_and_the_code_leaves_the_address_bar() {
        String callback = fakes.auth.approve(startFlow(alice));
        WebClient.Response r = alice.get(pathAndQuery(callback));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.location()).isEqualTo("/agents/" + agent + "/settings");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        String page = settings();
        assertThat(page).contains(">Connected<").contains("via OpenAI account " + fakes.auth.email())
                .contains("Disconnect").contains("Use API Key Instead");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isEqualTo(3);
    }

    @Test
    void deny_shows_authorization_failed_with_a_try_again_button_and_stores_nothing() {
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        alice.get(pathAndQuery(fakes.auth.deny(startFlow(alice))));
        String page = settings();
        assertThat(page).contains("Authorization failed").contains("You clicked Deny").contains("Try again")
                .contains("Not connected");
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
    }

    @Test
    void a_replayed_callback_is_refused_with_no_second_token_call_and_the_connection_survives() {
        String callback = fakes.auth.approve(startFlow(alice));
        alice.get(pathAndQuery(callback));
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        alice.get(pathAndQuery(callback));
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        assertThat(settings()).contains(">Connected<");
    }

    @Test
    void a_state_from_another_session_is_refused_before_any_token_call() {
        String callback = fakes.auth.approve(startFlow(alice));
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        WebClient.Response r = bob.get(pathAndQuery(callback));
        assertThat(r.location()).isEqualTo("/oauth/openai/failed");
        assertThat(bob.get("/oauth/openai/failed").body()).contains("Authorization failed").contains("another browser session");
        WebClient aliceElsewhere = new WebClient(app);
        aliceElsewhere.signIn("alice@example.com", Accounts.PASSWORD);
        aliceElsewhere.get(pathAndQuery(callback));
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        assertThat(settings()).contains("Not connected");
    }

    @Test
    void a_callback_reaching_a_browser_signed_in_as_no_one_is_refused_without_a_session_and_offers_the_agent_again() {
        String callback = fakes.auth.approve(startFlow(alice));
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        WebClient nobody = new WebClient(app);
        WebClient.Response r = nobody.get(pathAndQuery(callback));
        assertThat(r.location()).isEqualTo("/oauth/openai/failed?why=other-session&agent=" + agent);
        assertThat(nobody.follow(r).body()).contains("another browser session")
                .contains("id=\"try-again\" href=\"/agents/" + agent + "/settings\"");
        assertThat(nobody.sessionId()).isNull();
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        alice.get(pathAndQuery(callback)); // the attempt is still Alice's to finish
        assertThat(settings()).contains(">Connected<");
    }

    @Test
    void an_unknown_or_hostile_state_and_error_are_shown_escaped_and_call_nothing() {
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        alice.get("/oauth/openai/callback?state=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=x");
        String page = alice.get("/oauth/openai/failed").body();
        assertThat(page).contains("unknown to Agento").doesNotContain("<script>alert(1)");
        String state = query(startFlow(alice)).get("state");
        alice.get("/oauth/openai/callback?state=" + state + "&error=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
                + "&error_description=%3Cb%20hx-get%3D%22%2F%22%20hx-trigger%3D%22load%22%3E");
        String settings = settings();
        assertThat(settings).contains("Authorization failed").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x").doesNotContain("<b hx-get");
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
    }

    @Test
    void a_code_with_the_wrong_verifier_is_refused_by_the_provider_and_nothing_is_stored() {
        String first = startFlow(alice);
        String second = startFlow(alice);
        Map<String, String> codeForFirst = query(fakes.auth.approve(first));
        String secondState = query(second).get("state");
        alice.get("/oauth/openai/callback?state=" + secondState + "&code=" + codeForFirst.get("code"));
        assertThat(settings()).contains("Authorization failed").contains("Not connected");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
    }

    @Test
    void an_expired_flow_is_refused_before_any_token_call() {
        String url = startFlow(alice);
        String callback = fakes.auth.approve(url);
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        clock.advance(Duration.ofMinutes(11));
        try {
            alice.get(pathAndQuery(callback));
        } finally {
            clock.advance(Duration.ofMinutes(-11));
        }
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        assertThat(settings()).contains("expired").contains("Not connected");
    }

    @Test
    void a_callback_from_an_unexpected_issuer_is_aborted_before_any_token_call() {
        String callback = fakes.auth.approve(startFlow(alice));
        int tokenCalls = fakes.auth.tokenRequests("authorization_code");
        alice.get(pathAndQuery(callback) + "&iss=https%3A%2F%2Fevil.example");
        assertThat(fakes.auth.tokenRequests("authorization_code")).isEqualTo(tokenCalls);
        assertThat(settings()).contains("did not come from the expected sign-in server").contains("Not connected");
    }

    @Test
    void a_forged_forwarded_host_does_not_change_the_redirect_uri() {
        WebClient.Response r = alice.postRaw("/agents/" + agent + "/oauth/start",
                Map.of("mode", "redirect", "_csrf", alice.csrfToken()),
                Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"));
        assertThat(query(r.location()).get("redirect_uri")).isEqualTo(fakes.auth.redirectUri());
    }

    @Test
    void a_failed_switch_shows_authorization_failed_and_keeps_the_api_key_connection() {
        fakes.api.acceptKey("sk-proj-KeepKey0123456789abcdefKEEP");
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", "sk-proj-KeepKey0123456789abcdefKEEP"));
        alice.get(pathAndQuery(fakes.auth.deny(startFlow(alice))));
        String page = settings();
        assertThat(page).contains("Authorization failed").contains("You clicked Deny")
                .contains(">Connected<").contains("via API key sk-proj-\u2026KEEP");
    }

    @Test
    void deleting_a_signed_in_agent_revokes_its_refresh_token_and_deletes_its_secrets() {
        alice.get(pathAndQuery(fakes.auth.approve(startFlow(alice))));
        int before = fakes.auth.revocations().size();
        alice.post("/agents/" + agent + "/delete", Map.of());
        assertThat(fakes.auth.revocations()).hasSize(before + 1);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
    }

    @Test
    void a_callback_without_code_fails_clearly() {
        String state = query(startFlow(alice)).get("state");
        alice.get("/oauth/openai/callback?state=" + state);
        assertThat(settings()).contains("Authorization failed").contains("no authorization code");
    }

    @Test
    void the_pasted_address_completes_the_same_flow_with_the_same_checks() {
        String callback = fakes.auth.approve(startFlow(alice));
        assertThat(alice.get("/agents/" + agent + "/settings", Map.of("X-Forwarded-For", "203.0.113.7")).body())
                .contains("Paste the address you were sent to");
        WebClient.Response bad = alice.post("/agents/" + agent + "/oauth/paste", Map.of("callbackUrl", "not an address"));
        assertThat(bad.status()).isEqualTo(303);
        assertThat(alice.follow(bad).body()).contains("code=").doesNotContain("not an address");
        WebClient.Response ok = alice.post("/agents/" + agent + "/oauth/paste", Map.of("callbackUrl", callback));
        assertThat(ok.status()).isEqualTo(303);
        assertThat(settings()).contains(">Connected<");
        WebClient.Response replay = alice.htmxPost("/agents/" + agent + "/oauth/paste", Map.of("callbackUrl", callback));
        assertThat(replay.status()).isEqualTo(422);
        assertThat(replay.body()).contains("already used");
    }

    @Test
    void test_connection_uses_the_chatgpt_base_with_the_account_header() {
        alice.get(pathAndQuery(fakes.auth.approve(startFlow(alice))));
        int calls = fakes.api.requestCount("/backend-api/codex/models");
        alice.post("/agents/" + agent + "/connection/test", Map.of());
        assertThat(fakes.api.requestCount("/backend-api/codex/models")).isEqualTo(calls + 1);
        assertThat(fakes.api.lastHeader("ChatGPT-Account-Id")).isEqualTo(fakes.auth.accountId());
        assertThat(settings()).contains(">Connected<").contains("Test connection: verified with OpenAI.");
    }

    @Test
    void disconnect_revokes_the_refresh_token_then_deletes_it_even_when_revocation_fails() {
        alice.get(pathAndQuery(fakes.auth.approve(startFlow(alice))));
        int before = fakes.auth.revocations().size();
        WebClient.Response r = alice.htmxPost("/agents/" + agent + "/oauth/disconnect", Map.of());
        assertThat(r.body()).contains("Not connected").contains("OpenAI confirmed");
        assertThat(fakes.auth.revocations()).hasSize(before + 1);
        assertThat(fakes.auth.revocations().get(before).tokenTypeHint()).isEqualTo("refresh_token");

        alice.get(pathAndQuery(fakes.auth.approve(startFlow(alice))));
        fakes.auth.failRevocation(true);
        try {
            WebClient.Response failed = alice.htmxPost("/agents/" + agent + "/oauth/disconnect", Map.of());
            assertThat(failed.body()).contains("Not connected").contains("could not confirm the revocation");
        } finally {
            fakes.auth.failRevocation(false);
        }
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "'")).isZero();
    }

    @Test
    void switching_methods_keeps_one_active_the_model_survives_and_old_credentials_go() {
        fakes.api.acceptKey("sk-proj-SwitchKey0123456789abcdWXYZ");
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", "sk-proj-SwitchKey0123456789abcdWXYZ"));
        alice.post("/agents/" + agent + "/model", Map.of("model", "gpt-4.1"));
        assertThat(settings()).contains("Switch to OAuth");
        alice.get(pathAndQuery(fakes.auth.approve(startFlow(alice))));
        String page = settings();
        assertThat(page).contains("via OpenAI account").doesNotContain("via API key")
                .contains("<option value=\"gpt-4.1\" selected=\"selected\">");
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + agent + "' AND name = 'openai_api_key'")).isZero();

        int revocations = fakes.auth.revocations().size();
        assertThat(alice.get("/agents/" + agent + "/settings/provider?use=api-key").body()).contains("API Key");
        alice.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", "sk-proj-SwitchKey0123456789abcdWXYZ"));
        page = settings();
        assertThat(page).contains("via API key sk-proj-\u2026WXYZ").contains("<option value=\"gpt-4.1\" selected=\"selected\">");
        assertThat(fakes.auth.revocations()).hasSize(revocations + 1);
        assertThat(app.count("SELECT COUNT(*) FROM provider_connections WHERE agent_id = " + agent)).isEqualTo(1);
    }

    @Test
    void another_user_cannot_start_paste_or_disconnect_for_someone_elses_agent() {
        assertThat(bob.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect")).status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + agent + "/oauth/paste", Map.of("callbackUrl", "http://x/?code=a&state=b")).status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + agent + "/oauth/disconnect", Map.of()).status()).isEqualTo(404);
        assertThat(bob.get("/agents/" + agent + "/oauth/done").status()).isEqualTo(404);
    }
}
