package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import agento.provider.web.OAuthRoutes;
import agento.support.Accounts;
import agento.support.MutableClock;
import agento.support.TestApp;
import agento.support.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountsHttpTest {
    private TestApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_fresh_install_sends_every_page_to_setup_and_setup_closes_after_the_first_account() {
        app = TestApp.start();
        WebClient anon = new WebClient(app);
        assertThat(anon.get("/").location()).endsWith("/setup");
        assertThat(anon.get("/login").location()).endsWith("/setup");
        WebClient admin = Accounts.admin(app, "admin@example.com");
        assertThat(admin.get("/").body()).contains("Your agents");

        WebClient late = new WebClient(app);
        assertThat(late.get("/setup").location()).endsWith("/login");
        WebClient.Response second = late.post("/setup",
                Map.of("email", "evil@example.com", "password", "password123", "confirmPassword", "password123"));
        assertThat(second.status()).isEqualTo(404);
        assertThat(app.count("SELECT COUNT(*) FROM users")).isEqualTo(1);
    }

    @Test
    void setup_validation_messages_stand_next_to_their_fields_and_nothing_is_created() {
        app = TestApp.start();
        WebClient client = new WebClient(app);
        client.get("/setup");
        WebClient.Response r = client.post("/setup", Map.of("email", "not-an-email", "password", "short", "confirmPassword", "short"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("Enter a valid e-mail address").contains("Use at least 8 characters.");
        r = client.post("/setup", Map.of("email", "a@example.com", "password", "long enough", "confirmPassword", "different!"));
        assertThat(r.body()).contains("The two passwords do not match.");
        assertThat(client.get("/").location()).endsWith("/setup");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_message() {
        app = TestApp.start();
        Accounts.admin(app, "admin@example.com");
        WebClient client = new WebClient(app);
        WebClient.Response wrongPassword = client.signIn("admin@example.com", "not the password");
        WebClient.Response unknown = client.signIn("nobody@example.com", "not the password");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("Email or password is incorrect.");
        assertThat(unknown.body()).contains("Email or password is incorrect.");
        assertThat(unknown.body()).doesNotContain("nobody@example.com is not").doesNotContain("no account");
    }

    @Test
    void the_session_id_changes_at_login_and_the_old_one_is_dead_afterwards() {
        app = TestApp.start();
        WebClient client = Accounts.admin(app, "admin@example.com");
        String before = client.sessionId();
        assertThat(before).isNotNull();
        assertThat(client.signIn("admin@example.com", Accounts.PASSWORD).status()).isEqualTo(303);
        String after = client.sessionId();
        assertThat(after).isNotEqualTo(before);

        WebClient replay = new WebClient(app);
        WebClient.Response withOld = replay.get("/", Map.of("Cookie", "AGENTO_SESSION=" + before));
        assertThat(withOld.location()).endsWith("/login");
        assertThat(client.get("/").status()).isEqualTo(200);
    }

    @Test
    void a_signed_out_visitor_gets_the_form_token_in_a_cookie_and_no_session() {
        app = TestApp.start();
        Accounts.admin(app, "admin@example.com");
        WebClient visitor = new WebClient(app);
        WebClient.Response login = visitor.get("/login");
        assertThat(login.header("Set-Cookie")).contains("AGENTO_CSRF=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").doesNotContain("AGENTO_SESSION");
        assertThat(visitor.sessionId()).isNull();
        assertThat(app.count("SELECT COUNT(*) FROM http_sessions")).isEqualTo(1); // the admin's only
        assertThat(visitor.get("/login").header("Set-Cookie")).as("the cookie is kept, not renewed").isNull();

        Map<String, String> fields = Map.of("email", "admin@example.com", "password", Accounts.PASSWORD);
        WebClient stranger = new WebClient(app); // a cross-site form: its own cookie, not the visitor's token
        stranger.get("/login");
        assertThat(stranger.postRaw("/login", Map.of("_csrf", visitor.csrfToken(), "email", "admin@example.com",
                "password", Accounts.PASSWORD), Map.of()).status()).isEqualTo(403);
        assertThat(visitor.postRaw("/login", fields, Map.of()).status()).as("no token").isEqualTo(403);
        assertThat(new WebClient(app).postRaw("/login", Map.of("_csrf", "", "email", "admin@example.com",
                "password", Accounts.PASSWORD), Map.of("Cookie", "AGENTO_CSRF=")).status()).as("empty twice")
                .isEqualTo(403);
        assertThat(visitor.post("/login", fields).status()).isEqualTo(303);
        assertThat(visitor.get("/").status()).isEqualTo(200);
    }

    @Test
    void a_visitor_whose_sign_in_at_openai_came_back_here_gets_the_message_and_no_session() {
        app = TestApp.start();
        Accounts.admin(app, "admin@example.com");
        WebClient visitor = new WebClient(app);
        WebClient.Response callback = visitor.get(OAuthRoutes.CALLBACK_PATH + "?state=unknown-state&code=whatever");
        assertThat(callback.location()).isEqualTo("/oauth/openai/failed?why=unknown");
        assertThat(visitor.follow(callback).body()).contains("Authorization failed").contains("unknown to Agento");
        assertThat(visitor.sessionId()).isNull();
        assertThat(app.count("SELECT COUNT(*) FROM http_sessions")).isEqualTo(1); // the admin's only
        assertThat(visitor.get("/oauth/openai/failed?why=%3Cb%3Ehi&agent=1%22%3E").body())
                .as("only fixed texts and a number come from the address").contains("The sign-in did not complete.")
                .doesNotContain("<b>hi").contains("id=\"try-again\" href=\"/\"");
        assertThat(visitor.signIn("admin@example.com", Accounts.PASSWORD).status()).isEqualTo(303);
        assertThat(visitor.get("/").status()).isEqualTo(200);
    }

    @Test
    void a_signed_in_session_takes_its_own_token_only_not_the_signed_out_cookie() {
        app = TestApp.start();
        WebClient admin = Accounts.admin(app, "admin@example.com");
        String cookieToken = admin.cookie("AGENTO_CSRF");
        assertThat(cookieToken).as("setup was opened signed out").isNotNull();
        assertThat(admin.postRaw("/agents", Map.of("_csrf", cookieToken, "name", "Sneaky"), Map.of()).status())
                .isEqualTo(403);
        assertThat(app.count("SELECT COUNT(*) FROM agents")).isZero();
        assertThat(admin.post("/agents", Map.of("name", "Mine", "description", "")).status()).isEqualTo(303);
    }

    @Test
    void logout_ends_the_session() {
        app = TestApp.start();
        WebClient admin = Accounts.admin(app, "admin@example.com");
        String session = admin.sessionId();
        assertThat(admin.post("/logout", Map.of()).location()).endsWith("/login");
        WebClient replay = new WebClient(app);
        assertThat(replay.get("/", Map.of("Cookie", "AGENTO_SESSION=" + session)).location()).endsWith("/login");
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_over_http() {
        app = TestApp.start();
        WebClient client = new WebClient(app);
        client.get("/setup");
        String cookie = client.post("/setup", Map.of("email", "admin@example.com", "password", Accounts.PASSWORD,
                "confirmPassword", Accounts.PASSWORD)).header("Set-Cookie");
        assertThat(cookie).contains("AGENTO_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
    }

    @Test
    void both_cookies_are_secure_when_the_base_url_is_https() {
        app = TestApp.start(Map.of("AGENTO_BASE_URL", "https://agento.example.com"), Clock.systemUTC());
        WebClient client = new WebClient(app);
        // over https the form cookie takes the __Host- prefix: no subdomain and no plain-http page can plant one
        assertThat(client.get("/setup").header("Set-Cookie")).startsWith("__Host-AGENTO_CSRF=").contains("Secure")
                .contains("Path=/").doesNotContainIgnoringCase("Domain=");
        // the client keeps no Secure cookie over http: the token goes back by hand, as a browser over https would
        String token = client.csrfToken();
        Map<String, String> fields = Map.of("_csrf", token, "email", "admin@example.com",
                "password", Accounts.PASSWORD, "confirmPassword", Accounts.PASSWORD);
        assertThat(client.postRaw("/setup", fields, Map.of("Cookie", "AGENTO_CSRF=" + token)).status())
                .as("the unprefixed name does not count over https").isEqualTo(403);
        String cookie = client.postRaw("/setup", fields, Map.of("Cookie", "__Host-AGENTO_CSRF=" + token))
                .header("Set-Cookie");
        assertThat(cookie).contains("AGENTO_SESSION=").contains("Secure");
    }

    @Test
    void repeated_failures_are_throttled_with_a_message_and_lifted_after_the_wait() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        app = TestApp.start(Map.of(), clock);
        Accounts.admin(app, "admin@example.com");
        WebClient client = new WebClient(app);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(client.signIn("admin@example.com", "wrong password " + i).status()).isEqualTo(401);
        }
        WebClient.Response throttled = client.signIn("admin@example.com", Accounts.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Too many failed sign-in attempts. Wait 30 seconds");
        assertThat(throttled.header("Retry-After")).isEqualTo("30");

        clock.advance(Duration.ofSeconds(31));
        assertThat(client.signIn("admin@example.com", Accounts.PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void failures_from_one_address_slow_down_guesses_at_every_account() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        app = TestApp.start(Map.of(), clock);
        Accounts.admin(app, "admin@example.com");
        WebClient client = new WebClient(app);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            client.signIn("guess" + i + "@example.com", "password " + i);
        }
        assertThat(client.signIn("admin@example.com", Accounts.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void only_an_admin_sees_and_uses_the_user_list() {
        app = TestApp.start();
        WebClient admin = Accounts.admin(app, "admin@example.com");
        WebClient user = Accounts.user(app, admin, "user@example.com");
        assertThat(admin.get("/admin/users").body()).contains("user@example.com");
        assertThat(user.get("/admin/users").status()).isEqualTo(404);
        assertThat(user.post("/admin/users", Map.of("email", "x@example.com", "password", "password123")).status()).isEqualTo(404);
        assertThat(admin.follow(admin.post("/admin/users", Map.of("email", "user@example.com", "password",
                "password123"))).body()).contains("An account with this e-mail address already exists.");
    }
}
