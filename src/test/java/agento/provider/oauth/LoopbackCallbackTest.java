package agento.provider.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.OpenAiFakes;
import agento.support.TestApp;
import agento.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI's public client redirects to a loopback port that is not Agento's: Agento listens there too. */
class LoopbackCallbackTest {

    @Test
    void the_loopback_redirect_port_forwards_the_browser_to_agentos_callback_which_connects() throws Exception {
        int loopbackPort = TestApp.freePort();
        try (OpenAiFakes fakes = new OpenAiFakes()) {
            String redirect = "http://127.0.0.1:" + loopbackPort + "/auth/callback";
            fakes.auth.redirectUri(redirect);
            Map<String, String> env = new java.util.HashMap<>(fakes.env());
            env.put("AGENTO_OPENAI_OAUTH_REDIRECT_URI", redirect);
            try (TestApp app = TestApp.start(env, Clock.systemUTC())) {
                WebClient alice = Accounts.admin(app, "alice@example.com");
                long agent = Accounts.agent(alice, "Loopback agent");
                String url = alice.post("/agents/" + agent + "/oauth/start", Map.of("mode", "redirect")).location();
                String callback = fakes.auth.approve(url);
                assertThat(callback).startsWith(redirect + "?");

                HttpResponse<String> hop = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(hop.statusCode()).isEqualTo(302);
                assertThat(hop.headers().firstValue("Referrer-Policy")).contains("no-referrer");
                String forwarded = hop.headers().firstValue("Location").orElseThrow();
                assertThat(forwarded).startsWith(app.url("/oauth/openai/callback?"))
                        .endsWith(URI.create(callback).getRawQuery());

                HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + loopbackPort + "/agents")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(other.statusCode()).as("only the callback path is served there").isEqualTo(404);

                URI target = URI.create(forwarded);
                assertThat(alice.get(target.getRawPath() + "?" + target.getRawQuery()).status()).isEqualTo(303);
                assertThat(alice.get("/agents/" + agent + "/settings").body()).contains(">Connected<");
            }
        }
    }

    @Test
    void a_client_that_sends_half_a_request_blocks_nobody_and_is_dropped_after_the_idle_timeout() throws Exception {
        int port = TestApp.freePort();
        String redirect = "http://127.0.0.1:" + port + "/auth/callback";
        try (LoopbackCallbackListener listener = LoopbackCallbackListener.start(redirect, "http://127.0.0.1:9/cb");
             java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
            assertThat(listener).isNotNull();
            slow.getOutputStream().write("GET /auth/callback?code=x HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
            slow.getOutputStream().flush();

            long started = System.nanoTime();
            HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(redirect + "?code=y&state=z")).timeout(java.time.Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(302);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);

            slow.setSoTimeout(10_000);
            long waiting = System.nanoTime();
            assertThat(slow.getInputStream().read()).as("the half request is dropped").isIn(-1, (int) 'H');
            assertThat((System.nanoTime() - waiting) / 1_000_000)
                    .isLessThan(LoopbackCallbackListener.IDLE_TIMEOUT_MILLIS + 3_000);
        }
    }
}
