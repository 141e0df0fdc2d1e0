package agento.web;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile input on every form and route: never a 5xx, and refusals say so with a 4xx. */
class HostileInputHttpTest {
    static final String KEY = "sk-proj-HostileKeyForTests0123456789Ab";
    static final List<String> PAYLOADS = List.of("", " ", "<script>alert(1)</script>", "\" hx-get=\"/x\" hx-trigger=\"load",
            "'; DROP TABLE agents; --", "\u0000", "\r\nSet-Cookie: x=1", "%00%0d%0a", "x".repeat(70_000),
            "\uD83D\uDE00".repeat(600), "../../etc/passwd", "{{OPENAI_API_KEY}}", "-1", "99999999999999999999",
            "\uFEFF\u202Ename", "javascript:alert(1)", "<img src=x onerror=alert(1)>", "%", "\\", "null",
            "${7*7}");

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withAliceAndBob();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final List<String> fivehundreds = new ArrayList<>();
    private int cases;

    private void expectNo5xx(String what, WebClient.Response response) {
        cases++;
        if (response.status() >= 500) {
            fivehundreds.add(what + " -> " + response.status());
        }
    }

    private Map<String, List<String>> forms(long agent) {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        String a = "/agents/" + agent;
        forms.put("/login", List.of("email", "password", "next"));
        forms.put("/agents", List.of("name", "description"));
        forms.put(a + "/details", List.of("name", "description"));
        forms.put(a + "/instructions", List.of("instructions", "monthlyTokenLimit"));
        forms.put(a + "/connection/api-key", List.of("apiKey"));
        forms.put(a + "/model", List.of("model"));
        forms.put(a + "/oauth/paste", List.of("callbackUrl"));
        forms.put(a + "/chat/messages", List.of("message", "conversation"));
        forms.put(a + "/start", List.of("from"));
        return forms;
    }

    @Test
    void every_form_field_with_every_hostile_value_gets_an_answer_below_500() {
        long agent = Accounts.connectAndStart(alice, fixture.newAgent(), KEY);
        forms(agent).forEach((path, fields) -> {
            for (String field : fields) {
                for (String payload : PAYLOADS) {
                    WebClient who = path.equals("/login") ? new WebClient(fixture.app()) : alice;
                    expectNo5xx("POST " + path + " " + field + "=" + abbreviated(payload),
                            who.post(path, Map.of(field, payload)));
                }
            }
        });
        assertThat(fivehundreds).isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(300);
    }

    @Test
    void hostile_ids_methods_and_paths_get_4xx_not_500() {
        long agent = fixture.newAgent();
        for (String id : List.of("0", "-1", "abc", "99999999999999999999", "1e3", "%00", "..%2f..%2f", "1;2", agent + "x")) {
            for (String tab : List.of("", "/chat", "/settings", "/settings/provider", "/chat/replies/1",
                    "/chat/replies/x/stream", "/delete", "/oauth/done")) {
                WebClient.Response r = alice.get("/agents/" + id + tab);
                expectNo5xx("GET " + id + tab, r);
                assertThat(r.status()).as(id + tab).isBetween(400, 499);
            }
        }
        for (String path : List.of("/", "/login", "/health", "/agents/" + agent, "/static/css/app.css", "/nowhere")) {
            for (String method : List.of("HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE")) {
                expectNo5xx(method + " " + path, alice.request(method, path));
            }
        }
        assertThat(fivehundreds).isEmpty();
        assertThat(alice.request("HEAD", "/health").status()).isEqualTo(200);
        assertThat(bob.get("/agents/" + agent + "/chat").status()).isEqualTo(404);
    }

    /** The server answered before reading a large body and closed the connection while it was still being sent. */
    private static final int CLOSED_EARLY = -1;

    private static int refusedStatus(Supplier<WebClient.Response> request) {
        try {
            return request.get().status();
        } catch (UncheckedIOException e) {
            return CLOSED_EARLY; // the client may see the close before it reads the 413/415 that preceded it
        }
    }

    @Test
    void multipart_bodies_and_unknown_charsets_are_refused_with_415_before_anything_reads_them() {
        WebClient anonymous = new WebClient(fixture.app());
        String big = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + "x".repeat(5_000_000)
                + "\r\n--b--\r\n";
        assertThat(refusedStatus(() -> anonymous.postBody("/login", "multipart/form-data; boundary=b",
                HttpRequest.BodyPublishers.ofString(big)))).isIn(413, 415, CLOSED_EARLY);
        assertThat(anonymous.postBody("/login", "multipart/form-data", HttpRequest.BodyPublishers.ofString("x"))
                .status()).isEqualTo(415);
        for (String charset : List.of("bogus-9", "UTF-7", "utf-32")) {
            WebClient.Response r = alice.postBody("/agents", "application/x-www-form-urlencoded; charset=" + charset,
                    HttpRequest.BodyPublishers.ofString("name=x"));
            assertThat(r.status()).as(charset).isEqualTo(415);
            assertThat(r.body()).contains("That kind of form is not accepted");
        }
        assertThat(alice.postBody("/agents", "application/x-www-form-urlencoded; charset=UTF-8",
                HttpRequest.BodyPublishers.ofString("name=Charset+ok")).status()).isIn(200, 303);
    }

    @Test
    void a_long_email_at_sign_in_and_600_emoji_in_a_description_are_handled_without_500() {
        WebClient anonymous = new WebClient(fixture.app());
        WebClient.Response login = anonymous.post("/login", Map.of("email", "a".repeat(400) + "@example.com",
                "password", "wrong password"));
        assertThat(login.status()).isBetween(200, 499);
        assertThat(login.body()).doesNotContain("Something went wrong");

        WebClient.Response agent = alice.post("/agents", Map.of("name", "Emoji " + System.nanoTime(),
                "description", "\uD83D\uDE00".repeat(600)));
        assertThat(agent.status()).isEqualTo(303);
    }

    @Test
    void jettys_own_error_page_and_a_missing_static_file_carry_the_protective_headers() {
        WebClient.Response traversal = alice.get("/static/%2e%2e/%2e%2e/etc/passwd");
        assertThat(traversal.status()).isBetween(400, 404);
        assertThat(traversal.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(traversal.header("X-Content-Type-Options")).isEqualTo("nosniff");
        WebClient.Response missing = alice.get("/static/nothing-here.css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
    }

    private static String abbreviated(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "\u2026(" + s.length() + ")" : s;
    }
}
