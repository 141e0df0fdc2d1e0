package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebPlumbingHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAlice();
    private final TestApp app = fixture.app();
    private final WebClient admin = fixture.alice();

    @Test
    void every_response_carries_the_security_headers() {
        for (String path : new String[] {"/", "/login", "/static/css/app.css", "/no-such-page", "/health"}) {
            WebClient.Response r = admin.get(path);
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'").contains("base-uri 'none'").doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
        assertThat(admin.get("/").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void static_files_come_with_their_type_and_an_etag_that_answers_304_and_odd_paths_find_nothing()
            throws Exception {
        WebClient.Response css = admin.get("/static/css/app.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.body()).contains("{");
        assertThat(css.header("Cache-Control")).isEqualTo("no-cache");
        java.net.http.HttpResponse<String> again = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/static/css/app.css")))
                        .header("If-None-Match", css.header("ETag")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        WebClient.Response htmx = admin.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js");
        assertThat(htmx.header("Content-Type")).startsWith("text/javascript");
        assertThat(htmx.header("Cache-Control")).contains("immutable");
        for (String odd : new String[] {"/static/css/../css/app.css", "/static/.hidden.css", "/static/css/app.css.txt",
                "/static/", "/webjars/htmx.org/2.0.10/dist/", "/static/css/app.css%00.js", "/webjars/../static/css/app.css"}) {
            assertThat(admin.get(odd).status()).as(odd).isBetween(400, 404);
        }
    }

    @Test
    void pages_have_no_inline_script_and_load_htmx_from_the_local_webjar() {
        String page = admin.get("/").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).contains("<script src=\"/webjars/htmx.org/2.0.10/dist/htmx.min.js\" defer></script>");
        assertThat(page).doesNotContain("cdn").doesNotContain("unpkg").doesNotContain("hx-on");
        assertThat(admin.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").status()).isEqualTo(200);
    }

    @Test
    void an_unknown_page_gets_the_friendly_404() {
        WebClient.Response r = admin.get("/no-such-page");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("Page not found").contains("Back to your agents");
    }

    @Test
    void a_non_numeric_agent_id_is_a_404_not_a_stack_trace() {
        WebClient.Response r = admin.get("/agents/abc");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at agento.");
    }

    @Test
    void health_answers_200_while_the_database_is_reachable() {
        WebClient.Response r = new WebClient(app).get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void health_and_static_files_answer_head_requests_signed_out_as_uptime_checkers_send_them() {
        WebClient signedOut = new WebClient(app);
        assertThat(signedOut.request("HEAD", "/health").status()).isEqualTo(200);
        WebClient.Response css = signedOut.request("HEAD", "/static/css/app.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(css.header("ETag")).isNotBlank();
        assertThat(css.body()).isEmpty();
    }

    @Test
    void health_answers_503_when_the_database_is_gone() {
        agento.support.TestApp other = agento.support.TestApp.start();
        try {
            assertThat(new WebClient(other).get("/health").status()).isEqualTo(200);
            other.agento().database().close();
            long closed = System.nanoTime();
            WebClient.Response r = new WebClient(other).get("/health");
            while (r.status() == 200 && System.nanoTime() - closed < java.time.Duration.ofSeconds(3).toNanos()) {
                r = new WebClient(other).get("/health");
            }
            long tookMillis = (System.nanoTime() - closed) / 1_000_000;
            assertThat(r.status()).isEqualTo(503);
            // the state is checked in the background every 250 ms; a little slack for a busy machine
            assertThat(tookMillis).as("503 within about a second").isLessThan(1_500);
            assertThat(r.body()).isEqualTo("database unreachable");
        } finally {
            other.close();
        }
    }

    @Test
    void open_redirects_are_refused_after_login() {
        for (String evil : new String[] {"//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)"}) {
            assertThat(SafeRedirect.orDefault(evil, "/")).as(evil).isEqualTo("/");
        }
        assertThat(SafeRedirect.orDefault("/agents/3/settings", "/")).isEqualTo("/agents/3/settings");
    }
}
