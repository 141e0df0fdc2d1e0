package agento.provider.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeOpenAiApi;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile and sloppy posts to the API-key route: nothing is stored, nothing leaks, nothing reaches OpenAI. */
class ApiKeyAbuseHttpTest {
    static final String GOOD_KEY = "sk-proj-AbuseTestGoodKey0123456789AbCd";
    static final String OTHER_GOOD_KEY = "sk-proj-AbuseTestOtherKey9876543210WxYz";
    static final String MASK = "sk-proj-\u2026AbCd";

    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture
            .withOpenAiApi(api -> api.acceptKey(GOOD_KEY).acceptKey(OTHER_GOOD_KEY)).withAliceAndBob();
    private final FakeOpenAiApi openAi = fixture.openAiApi();
    private final TestApp app = fixture.app();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();
    private final long agent = fixture.newAgent();

    private String keyPath() {
        return "/agents/" + agent + "/connection/api-key";
    }

    private WebClient.Response save(WebClient who, String key) {
        return who.htmxPost(keyPath(), Map.of("apiKey", key));
    }

    private int modelCalls() {
        return openAi.requestCount("/v1/models");
    }

    private int secretsOfAgent() {
        return app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'agent' AND owner_id = '" + agent + "'");
    }

    private int connectionRows() {
        return app.count("SELECT COUNT(*) FROM provider_connections WHERE agent_id = " + agent);
    }

    private Optional<byte[]> ciphertext() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM secrets WHERE owner_kind = 'agent' "
                + "AND owner_id = :id AND name = 'openai_api_key'").bind("id", Long.toString(agent))
                .mapTo(byte[].class).findOne());
    }

    private Map<String, Object> connectionRow() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT state, key_hint, version, last_verified_at "
                + "FROM provider_connections WHERE agent_id = :id").bind("id", agent).mapToMap().one());
    }

    private void assertNothingStored() {
        assertThat(secretsOfAgent()).as("secrets stored for the agent").isZero();
        assertThat(connectionRows()).as("connection rows for the agent").isZero();
    }

    private String settings() {
        return alice.get("/agents/" + agent + "/settings").body();
    }

    // --- size -------------------------------------------------------------------------------------------------

    @Test
    void a_one_megabyte_key_is_refused_with_a_4xx_and_stores_nothing() {
        int calls = modelCalls();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", alice.csrfToken());
        form.put("apiKey", "sk-proj-" + "A".repeat(1024 * 1024));
        WebClient.Response r = postOrConnectionClosed(alice, form);

        if (r != null) {
            assertThat(r.status()).as("answer to a 1 MB form").isBetween(400, 499);
            assertThat(r.body()).doesNotContain("AAAAAAAAAAAAAAAA");
        }
        assertNothingStored();
        assertThat(modelCalls()).isEqualTo(calls);
        assertThat(alice.get("/agents/" + agent + "/settings").status()).as("server still serves").isEqualTo(200);
    }

    @Test
    void a_valid_key_padded_to_one_megabyte_is_refused_whole_and_stores_nothing() {
        int calls = modelCalls();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", alice.csrfToken());
        form.put("apiKey", GOOD_KEY);
        form.put("padding", "x".repeat(1024 * 1024));
        WebClient.Response r = postOrConnectionClosed(alice, form);

        if (r != null) {
            assertThat(r.status()).as("answer to a 1 MB form").isBetween(400, 499);
        }
        assertNothingStored();
        assertThat(modelCalls()).as("the key in an oversized form is never checked").isEqualTo(calls);
    }

    @Test
    void a_form_just_under_the_request_limit_is_answered_with_a_4xx_never_a_500() {
        // 250 KB: under Agento's 256 KiB request limit but over Jetty's default 200,000-byte form limit
        int calls = modelCalls();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", alice.csrfToken());
        form.put("apiKey", "sk-proj-" + "B".repeat(250 * 1000));
        WebClient.Response r = postOrConnectionClosed(alice, form);

        if (r != null) {
            assertThat(r.status()).as("answer to a 250 KB form").isBetween(400, 499);
            assertThat(r.body()).doesNotContain("BBBBBBBBBBBBBBBB");
        }
        assertNothingStored();
        assertThat(modelCalls()).isEqualTo(calls);
    }

    @Test
    void a_one_megabyte_form_sent_chunked_without_content_length_is_refused_too() throws Exception {
        int calls = modelCalls();
        String body = "_csrf=" + alice.csrfToken() + "&apiKey=" + GOOD_KEY + "&padding=" + "x".repeat(1024 * 1024);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // an input-stream publisher has no known length: the JDK client sends Transfer-Encoding: chunked
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url(keyPath())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "AGENTO_SESSION=" + alice.sessionId())
                .header("HX-Request", "true")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        Integer status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException closedEarly) {
            status = null;
        }
        if (status != null) {
            assertThat(status).as("answer to a 1 MB chunked form").isBetween(400, 499);
        }
        assertNothingStored();
        assertThat(modelCalls()).as("the key in an oversized form is never checked").isEqualTo(calls);
    }

    /** The response, or null when the server refused by closing the connection (also acceptable). */
    private WebClient.Response postOrConnectionClosed(WebClient who, Map<String, String> form) {
        try {
            return who.postRaw(keyPath(), form, Map.of("HX-Request", "true"));
        } catch (UncheckedIOException closedEarly) {
            return null;
        }
    }

    // --- CSRF -------------------------------------------------------------------------------------------------

    @Test
    void a_post_without_csrf_token_is_403_and_stores_nothing() {
        int calls = modelCalls();
        WebClient.Response none = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY), Map.of("HX-Request", "true"));
        assertThat(none.status()).isEqualTo(403);
        WebClient.Response plain = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY), Map.of());
        assertThat(plain.status()).isEqualTo(403);
        WebClient.Response wrong = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY, "_csrf", "not-the-token"),
                Map.of("HX-Request", "true"));
        assertThat(wrong.status()).isEqualTo(403);
        WebClient.Response othersToken = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY, "_csrf", bob.csrfToken()),
                Map.of("HX-Request", "true"));
        assertThat(othersToken.status()).as("another session's token").isEqualTo(403);
        WebClient.Response emptyHeader = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY),
                Map.of("HX-Request", "true", "X-CSRF-Token", ""));
        assertThat(emptyHeader.status()).isEqualTo(403);

        assertNothingStored();
        assertThat(modelCalls()).as("no key check without a valid token").isEqualTo(calls);
        assertThat(none.body()).doesNotContain(GOOD_KEY);

        // control: the same post through htmx's header is accepted
        WebClient.Response ok = alice.postRaw(keyPath(), Map.of("apiKey", GOOD_KEY),
                Map.of("HX-Request", "true", "X-CSRF-Token", alice.csrfToken()));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(secretsOfAgent()).isEqualTo(1);
    }

    @Test
    void the_state_changing_api_key_route_answers_get_with_405() {
        assertThat(alice.get(keyPath()).status()).isEqualTo(405);
        assertNothingStored();
    }

    // --- access control ---------------------------------------------------------------------------------------

    @Test
    void another_users_post_is_404_stores_nothing_and_leaves_the_owners_connection_unchanged() {
        assertThat(save(alice, GOOD_KEY).status()).isEqualTo(200);
        byte[] before = ciphertext().orElseThrow();
        Map<String, Object> rowBefore = connectionRow();
        int calls = modelCalls();

        assertThat(save(bob, OTHER_GOOD_KEY).status()).isEqualTo(404);
        assertThat(bob.post(keyPath(), Map.of("apiKey", OTHER_GOOD_KEY)).status()).as("plain form").isEqualTo(404);
        assertThat(save(bob, "").status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + agent + "/connection/remove-key", Map.of()).status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + agent + "/connection/test", Map.of()).status()).isEqualTo(404);
        assertThat(bob.post("/agents/" + agent + "/model", Map.of("model", "gpt-4.1")).status()).isEqualTo(404);
        assertThat(bob.get("/agents/" + agent + "/connection/remove-key").status()).isEqualTo(404);

        assertThat(modelCalls()).as("another user's key is never checked").isEqualTo(calls);
        assertThat(ciphertext().orElseThrow()).as("stored ciphertext").isEqualTo(before);
        assertThat(connectionRow()).isEqualTo(rowBefore);
        assertThat(secretsOfAgent()).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'agent' AND owner_id NOT IN "
                + "(SELECT CAST(id AS VARCHAR) FROM agents)")).as("orphan secrets").isZero();
        assertThat(settings()).contains(">Connected<").contains("via API key sk-proj-\u2026AbCd")
                .doesNotContain("WxYz");
    }

    @Test
    void a_post_for_an_agent_that_does_not_exist_is_404_and_stores_nothing() {
        long missing = agent + 100_000;
        int before = app.count("SELECT COUNT(*) FROM secrets");
        WebClient.Response r = alice.htmxPost("/agents/" + missing + "/connection/api-key", Map.of("apiKey", GOOD_KEY));
        assertThat(r.status()).isEqualTo(404);
        assertThat(app.count("SELECT COUNT(*) FROM secrets")).isEqualTo(before);
        assertThat(app.count("SELECT COUNT(*) FROM provider_connections WHERE agent_id = " + missing)).isZero();
    }

    // --- write-only secret: blank or mask leaves it unchanged ---------------------------------------------------

    @Test
    void a_blank_key_or_the_shown_mask_leaves_the_stored_secret_unchanged_and_says_so() {
        assertThat(save(alice, GOOD_KEY).status()).isEqualTo(200);
        byte[] before = ciphertext().orElseThrow();
        Map<String, Object> rowBefore = connectionRow();
        int events = app.count("SELECT COUNT(*) FROM connection_events WHERE agent_id = " + agent);
        int calls = modelCalls();
        assertThat(settings()).as("the page shows the mask").contains(MASK);

        for (String posted : List.of("", "   ", "\t\n", MASK, "  " + MASK + "  ")) {
            WebClient.Response r = save(alice, posted);
            assertThat(r.status()).as("posting [%s]", posted).isEqualTo(422);
            assertThat(r.body()).as("posting [%s]", posted)
                    .contains("Nothing changed: paste a new key to replace the saved one.")
                    .contains(">Connected<");
        }
        WebClient.Response plain = alice.post(keyPath(), Map.of("apiKey", MASK));
        assertThat(plain.status()).as("plain form with the mask").isEqualTo(303);
        assertThat(alice.follow(plain).body()).contains("Nothing changed");
        // a form that leaves the field out altogether
        WebClient.Response missingField = alice.htmxPost(keyPath(), Map.of());
        assertThat(missingField.status()).isEqualTo(422);
        assertThat(missingField.body()).contains("Nothing changed");

        assertThat(ciphertext().orElseThrow()).as("ciphertext bytes").isEqualTo(before);
        assertThat(connectionRow()).isEqualTo(rowBefore);
        assertThat(modelCalls()).as("nothing was sent to OpenAI").isEqualTo(calls);
        assertThat(app.count("SELECT COUNT(*) FROM connection_events WHERE agent_id = " + agent)).isEqualTo(events);
    }

    @Test
    void the_mask_of_a_key_is_not_a_key_even_before_one_is_saved() {
        int calls = modelCalls();
        WebClient.Response r = save(alice, MASK);
        assertThat(r.status()).isEqualTo(422);
        assertNothingStored();
        assertThat(modelCalls()).isEqualTo(calls);
    }

    // --- header injection -------------------------------------------------------------------------------------

    @Test
    void a_key_with_cr_or_lf_inside_is_refused_without_calling_openai() {
        int calls = modelCalls();
        List<String> injected = List.of(
                "sk-proj-AbuseTestGood\r\nX-Injected: yes",
                "sk-proj-AbuseTestGoodKey0123456789AbCd\r\nX-Injected: yes",
                "sk-proj-AbuseTest\nGoodKey0123456789AbCd",
                "sk-proj-AbuseTest\rGoodKey0123456789AbCd",
                "sk-proj-AbuseTest\u2028GoodKey0123456789AbCd",
                "sk-proj-AbuseTest\u0000GoodKey0123456789AbCd",
                "sk-proj-AbuseTest\tGoodKey0123456789AbCd",
                "sk-proj-AbuseTest GoodKey0123456789AbCd");
        for (String key : injected) {
            WebClient.Response r = save(alice, key);
            assertThat(r.status()).as("key %s", key.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(422);
            assertThat(r.body()).contains("id=\"api-key-error\"").doesNotContain("X-Injected");
            assertThat(r.header("X-Injected")).isNull();
        }
        assertThat(modelCalls()).as("OpenAI was never called").isEqualTo(calls);
        assertThat(openAi.lastHeader("X-Injected")).isNull();
        assertNothingStored();
    }

    // --- keys in URLs, double submits --------------------------------------------------------------------------

    @Test
    void a_key_sent_in_the_query_string_is_not_taken() {
        int calls = modelCalls();
        WebClient.Response r = alice.htmxPost(keyPath() + "?apiKey=" + GOOD_KEY, Map.of());
        assertThat(r.status()).as("a key only in the URL (where proxies and logs keep it) is ignored").isEqualTo(422);
        assertNothingStored();
        assertThat(modelCalls()).isEqualTo(calls);
    }

    @Test
    void saves_racing_for_a_fresh_agent_never_answer_500_and_leave_exactly_one_key() throws Exception {
        // the fake holds each check for 300 ms so that every save reaches the store at about the same moment
        openAi.slowDelay(java.time.Duration.ofMillis(300)).mode(FakeOpenAiApi.Mode.SLOW);
        String token = alice.csrfToken();
        int racers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String key = i % 2 == 0 ? GOOD_KEY : OTHER_GOOD_KEY;
                answers.add(pool.submit(() -> {
                    go.await();
                    return alice.postRaw(keyPath(), Map.of("apiKey", key, "_csrf", token),
                            Map.of("HX-Request", "true")).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).as("answers to %d simultaneous saves", racers).doesNotContain(500)
                    .allMatch(s -> s == 200 || (s >= 400 && s < 500));
            assertThat(statuses).contains(200);
        } finally {
            pool.shutdownNow();
            openAi.mode(FakeOpenAiApi.Mode.OK);
        }
        assertThat(secretsOfAgent()).isEqualTo(1);
        assertThat(connectionRows()).isEqualTo(1);
        assertThat(settings()).contains(">Connected<");
    }

    // --- reflection -------------------------------------------------------------------------------------------

    @Test
    void a_hostile_key_is_never_reflected_raw() {
        int calls = modelCalls();
        List<String> hostile = List.of(
                "sk-<script>alert(1)</script>",
                "sk-proj-\"><img src=x onerror=alert(2)>",
                "sk-proj-' hx-get='/logout' hx-trigger='load",
                "sk-proj-{{7*7}}[[${7*7}]]");
        for (String key : hostile) {
            for (boolean htmx : new boolean[] {true, false}) {
                WebClient.Response r = htmx ? save(alice, key) : alice.post(keyPath(), Map.of("apiKey", key));
                assertThat(r.status()).as("%s (htmx %s)", key, htmx).isEqualTo(htmx ? 422 : 303);
                r = htmx ? r : alice.follow(r);
                assertThat(r.body()).as("%s (htmx %s)", key, htmx)
                        .doesNotContain("<script>alert")
                        .doesNotContain("onerror=alert")
                        .doesNotContain("hx-get='/logout'")
                        .doesNotContain("alert(1)").doesNotContain("alert(2)")
                        .doesNotContain("[[${7*7}]]").doesNotContain("{{7*7}}")
                        .contains("id=\"api-key-error\"");
            }
        }
        assertThat(modelCalls()).isEqualTo(calls);
        assertNothingStored();
        assertThat(settings()).doesNotContain("alert(").doesNotContain("hx-get='/logout'");
    }
}
