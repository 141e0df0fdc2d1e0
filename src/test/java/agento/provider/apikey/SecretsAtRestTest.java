package agento.provider.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import agento.db.Database;
import agento.fakes.FakeOpenAiApi;
import agento.support.Accounts;
import agento.support.LogCapture;
import agento.support.TestApp;
import agento.support.WebClient;
import agento.vault.KeyRotation;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECURITY.md "Secrets at rest" and "Logs": a canary run over the API-key journey, then the raw bytes of the
 * data dir, the captured logs and every HTTP answer are searched for the keys; moved and tampered ciphertexts
 * fail safely; rotation keeps every key usable.
 */
class SecretsAtRestTest {
    // every canary: a recognisable prefix, a unique middle that must never appear anywhere, a last 4 the hint may show
    static final String CANARY_A = "sk-proj-CANARYalphaQ7x2Lm9Vt4Rk8Ws1Pz6AaAa";
    static final String CANARY_B = "sk-svcacct-CANARYbravoK3d8Fh2Jn5Qp7Tv1Xz4BbBb";
    static final String CANARY_C = "sk-CANARYcharlieM6r1Hs9Lw3Vd5Nq8Gy2CcCc";
    static final String CANARY_D = "sk-proj-CANARYdeltaP2m7Zc4Rt9Hx1Kv6Wq3DdDd";
    static final String CANARY_E = "sk-proj-CANARYechoB8n3Yt6Ls1Qf9Jw4Mr7EeEe";
    static final String CANARY_QUOTA = "sk-proj-CANARYquotaD5g9Kp2Vw7Hs3Ny8Tz1QqQq";
    static final String CANARY_UNREACHABLE = "sk-proj-CANARYunreachT4j8Wm1Fz6Rc3Gk9Lp5UuUu";
    static final String CANARY_RATE = "sk-proj-CANARYrateH1s5Nv8Qd3Xk7Bm2Zf6RrRr";
    static final String CANARY_BOB = "sk-proj-CANARYbobJ9w2Gx5Ts8Kc1Vn4Hq7BoBo";
    static final String CANARY_WRONG = "sk-proj-CANARYwrongF6k1Rt4Zm9Pw2Ls7Jd3WwWw";
    static final String CANARY_RESTRICTED = "sk-proj-CANARYrestrictN3v7Hc1Qx5Km8Tg2Yb6XxXx";
    static final String CANARY_ADMIN = "sk-admin-CANARYadminW8r3Jf6Lz1Nk4Dq9Vs2YyYy";
    static final String CANARY_SPACED = "sk-proj-CANARYspaced G2t7Mx4Wc9Rk1Fh5 ZzZz";
    static final String CANARY_NOT_SK = "pk-proj-CANARYnotskS5m2Vq8Lx3Hd6Kr1Nn9PpPp";
    static final String CANARY_INTRUDER = "sk-proj-CANARYintruderR7c2Kv5Zq9Lm3Xw8GiGi";
    static final String CANARY_NO_CSRF = "sk-proj-CANARYnocsrfH4x9Pt2Wn6Jq1Zd5CsCs";
    static final String CANARY_HUGE = "sk-proj-CANARYhugeT8q3Lv6Xm1Rz9Kc4HuHu";
    static final String CANARY_TAMPERED = "sk-proj-CANARYtamperV2b8Nx5Qk1Lr7Wz4TaTa";
    static final String CANARY_OFFLINE = "sk-proj-CANARYofflineJ5r9Dw2Nx7Kt4Hm1OfOf";
    static final List<String> ALL = List.of(CANARY_A, CANARY_B, CANARY_C, CANARY_D, CANARY_E, CANARY_QUOTA,
            CANARY_UNREACHABLE, CANARY_RATE, CANARY_BOB, CANARY_WRONG, CANARY_RESTRICTED, CANARY_ADMIN, CANARY_SPACED,
            CANARY_NOT_SK, CANARY_INTRUDER, CANARY_NO_CSRF, CANARY_HUGE, CANARY_TAMPERED,
            CANARY_OFFLINE);

    private FakeOpenAiApi openAi;
    private TestApp app;
    private final List<WebClient.Response> received = new ArrayList<>();

    @BeforeEach
    void start() {
        openAi = new FakeOpenAiApi();
        List.of(CANARY_A, CANARY_B, CANARY_C, CANARY_D, CANARY_E, CANARY_QUOTA, CANARY_UNREACHABLE, CANARY_RATE,
                CANARY_BOB, CANARY_INTRUDER, CANARY_NO_CSRF, CANARY_HUGE).forEach(openAi::acceptKey);
        openAi.restrictKey(CANARY_RESTRICTED);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        openAi.close();
    }

    private void startApp() {
        app = TestApp.start(Map.of("AGENTO_OPENAI_API_BASE", openAi.baseUrl()), Clock.systemUTC());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private WebClient.Response track(WebClient.Response r) {
        received.add(r);
        return r;
    }

    private WebClient.Response saveHtmx(WebClient who, long agent, String key) {
        return track(who.postRaw("/agents/" + agent + "/connection/api-key",
                Map.of("apiKey", key, "_csrf", who.csrfToken()), Map.of("HX-Request", "true")));
    }

    private WebClient.Response savePlain(WebClient who, long agent, String key) {
        WebClient.Response r = track(who.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", key)));
        if (r.status() == 303) {
            track(who.get(r.location()));
        }
        return r;
    }

    private WebClient.Response testConnection(WebClient who, long agent) {
        return track(who.postRaw("/agents/" + agent + "/connection/test", Map.of("_csrf", who.csrfToken()),
                Map.of("HX-Request", "true")));
    }

    private String settings(WebClient who, long agent) {
        return track(who.get("/agents/" + agent + "/settings")).body();
    }

    private static String indicator(String html) {
        int at = html.indexOf("id=\"connection-indicator\"");
        assertThat(at).as("the page has the connection indicator").isNotNegative();
        return html.substring(html.lastIndexOf('<', at), html.indexOf("</span>", at) + 7);
    }

    private byte[] ciphertext(long agent) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM secrets WHERE owner_kind = 'agent' "
                + "AND owner_id = :id AND name = 'openai_api_key'").bind("id", Long.toString(agent))
                .mapTo(byte[].class).one());
    }

    private void setCiphertext(long agent, byte[] value) {
        int updated = app.jdbi().withHandle(h -> h.createUpdate("UPDATE secrets SET ciphertext = :ct WHERE "
                + "owner_kind = 'agent' AND owner_id = :id AND name = 'openai_api_key'")
                .bind("ct", value).bind("id", Long.toString(agent)).execute());
        assertThat(updated).isEqualTo(1);
    }

    private long keyId(long agent) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT key_id FROM secrets WHERE owner_kind = 'agent' "
                + "AND owner_id = :id AND name = 'openai_api_key'").bind("id", Long.toString(agent))
                .mapTo(Long.class).one());
    }

    /** Everything but the last 4 (the hint shows those). */
    private static String secretPart(String key) {
        return key.substring(0, key.length() - 4);
    }

    /** The middle of the key: no prefix, no last 4. Catches a leak that dropped or re-encoded the prefix. */
    private static String middle(String key) {
        return key.substring(key.indexOf("CANARY"), key.length() - 4);
    }

    /** Shortest piece of a key's middle that counts as a leak: a truncated or split key is still found. */
    static final int WINDOW = 12;

    /** Every {@value #WINDOW}-character piece of the key's middle. */
    private static List<String> pieces(String key) {
        String middle = middle(key);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i + WINDOW <= middle.length(); i++) {
            pieces.add(middle.substring(i, i + WINDOW));
        }
        return pieces;
    }

    /** The byte forms searched for in files, as ISO-8859-1 strings (one char per byte) for a fast indexOf. */
    private static List<String> byteForms(String key) {
        List<String> forms = new ArrayList<>();
        for (String piece : pieces(key)) {
            for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                forms.add(new String(piece.getBytes(cs), StandardCharsets.ISO_8859_1));
            }
        }
        forms.add(Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24));
        return forms;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** "file: key at offset" for every hit of any form of any key in any file under {@code dir}. */
    private static List<String> hitsInFiles(Path dir, List<String> keys) throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path file : filesUnder(dir)) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String key : keys) {
                for (String form : byteForms(key)) {
                    int at = bytes.indexOf(form);
                    if (at >= 0) {
                        hits.add(dir.relativize(file) + ": " + key + " at byte " + at);
                        break;
                    }
                }
            }
        }
        return hits;
    }

    private static List<String> hitsInText(String where, List<String> texts, List<String> keys) {
        List<String> hits = new ArrayList<>();
        for (String text : texts) {
            for (String key : keys) {
                String piece = pieces(key).stream().filter(text::contains).findFirst().orElse(null);
                if (piece != null) {
                    int at = text.indexOf(piece);
                    hits.add(where + " leaks " + key + ": …" + text.substring(Math.max(0, at - 200),
                            Math.min(text.length(), at + 200)) + "…");
                }
            }
        }
        return hits;
    }

    @Test
    void the_scanners_find_a_key_in_every_form_they_look_for(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("utf8.bin"), ("x" + CANARY_A + "x").getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("utf16le.bin"), ("x" + middle(CANARY_B) + "x").getBytes(StandardCharsets.UTF_16LE));
        Files.write(dir.resolve("utf16be.bin"), ("x" + CANARY_C.substring(0, 24)).getBytes(StandardCharsets.UTF_16BE));
        Files.write(dir.resolve("clean.bin"), ("x" + "sk-proj-\u2026AaAa").getBytes(StandardCharsets.UTF_8));
        assertThat(hitsInFiles(dir, ALL)).anyMatch(h -> h.startsWith("utf8.bin"))
                .anyMatch(h -> h.startsWith("utf16le.bin")).anyMatch(h -> h.startsWith("utf16be.bin"))
                .noneMatch(h -> h.startsWith("clean.bin"));
        assertThat(hitsInText("t", List.of("Bearer " + CANARY_D.substring(0, 30)), ALL)).hasSize(1);
        assertThat(hitsInText("t", List.of("via API key sk-proj-\u2026DdDd (Canary agent delta)"), ALL)).isEmpty();
    }

    // --- the canary run ---------------------------------------------------------------------------------------

    @Test
    void canary_keys_never_reach_the_database_files_the_logs_or_any_http_answer() throws IOException {
        List<String> leaks = new ArrayList<>();
        int logEvents;
        try (LogCapture logs = LogCapture.start()) {
            startApp();
            WebClient alice = Accounts.admin(app, "alice-canary@example.com");
            WebClient bob = Accounts.user(app, alice, "bob-canary@example.com");
            long a1 = Accounts.agent(alice, "Canary agent alpha");
            long a2 = Accounts.agent(alice, "Canary agent bravo");
            long a3 = Accounts.agent(alice, "Canary agent charlie");
            long a4 = Accounts.agent(alice, "Canary agent delta");
            long a5 = Accounts.agent(alice, "Canary agent quota");
            long a6 = Accounts.agent(alice, "Canary agent unreachable");
            long a7 = Accounts.agent(alice, "Canary agent rate");
            long a8 = Accounts.agent(alice, "Canary agent tampered");
            long b1 = Accounts.agent(bob, "Bob's canary agent");

            // saved: several formats, through htmx and plain forms
            assertThat(indicator(saveHtmx(alice, a1, "  " + CANARY_A + "\n").body())).contains("Connected");
            savePlain(alice, a2, CANARY_B);
            saveHtmx(alice, a3, CANARY_C);
            saveHtmx(alice, a4, CANARY_D);
            savePlain(bob, b1, CANARY_BOB);
            assertThat(saveHtmx(alice, a8, CANARY_TAMPERED).status()).as("not yet known: 401").isEqualTo(422);
            openAi.acceptKey(CANARY_TAMPERED);
            assertThat(saveHtmx(alice, a8, CANARY_TAMPERED).status()).isEqualTo(200);
            openAi.mode(FakeOpenAiApi.Mode.QUOTA_EXCEEDED);
            assertThat(saveHtmx(alice, a5, CANARY_QUOTA).body()).contains("no billing set up or no quota left");
            openAi.mode(FakeOpenAiApi.Mode.SERVER_ERROR);
            assertThat(saveHtmx(alice, a6, CANARY_UNREACHABLE).body()).contains("Check again");
            testConnection(alice, a6);
            openAi.mode(FakeOpenAiApi.Mode.RATE_LIMITED);
            saveHtmx(alice, a7, CANARY_RATE);
            openAi.mode(FakeOpenAiApi.Mode.OK);
            testConnection(alice, a6);
            testConnection(alice, a7);

            // refused: every error path, htmx and plain
            assertThat(saveHtmx(alice, a1, CANARY_WRONG).body()).contains("credential error: OpenAI rejected this key");
            savePlain(alice, a1, CANARY_WRONG);
            assertThat(saveHtmx(alice, a2, CANARY_RESTRICTED).body()).contains("restricted");
            assertThat(saveHtmx(alice, a3, CANARY_ADMIN).body()).contains("admin key");
            savePlain(alice, a3, CANARY_ADMIN);
            saveHtmx(alice, a4, CANARY_SPACED);
            savePlain(alice, a4, CANARY_SPACED);
            saveHtmx(alice, a4, CANARY_NOT_SK);
            savePlain(alice, a4, CANARY_NOT_SK);
            saveHtmx(alice, a4, CANARY_A + "\r\nX-Injected: " + CANARY_A);
            track(bob.postRaw("/agents/" + a1 + "/connection/api-key",
                    Map.of("apiKey", CANARY_INTRUDER, "_csrf", bob.csrfToken()), Map.of("HX-Request", "true")));
            track(alice.postRaw("/agents/" + a1 + "/connection/api-key", Map.of("apiKey", CANARY_NO_CSRF),
                    Map.of("HX-Request", "true")));
            Map<String, String> huge = new LinkedHashMap<>();
            huge.put("_csrf", alice.csrfToken());
            huge.put("apiKey", CANARY_HUGE);
            huge.put("padding", CANARY_HUGE.repeat(30_000));
            track(alice.postRaw("/agents/" + a1 + "/connection/api-key", huge, Map.of("HX-Request", "true")));

            // the rest of the journey: test, model, replace, remove, tamper, views, dashboard, agent deletion
            for (long agent : List.of(a1, a2, a3, a4, a5)) {
                testConnection(alice, agent);
            }
            track(alice.postRaw("/agents/" + a1 + "/model", Map.of("model", "gpt-4.1", "_csrf", alice.csrfToken()),
                    Map.of("HX-Request", "true")));
            saveHtmx(alice, a4, CANARY_E);
            track(alice.get("/agents/" + a3 + "/connection/remove-key"));
            track(alice.post("/agents/" + a3 + "/connection/remove-key", Map.of()));
            byte[] tampered = ciphertext(a8);
            tampered[tampered.length / 2] ^= 0x01;
            setCiphertext(a8, tampered);
            assertThat(testConnection(alice, a8).body()).contains("Credential error");
            for (long agent : List.of(a1, a2, a3, a4, a5, a6, a7, a8)) {
                settings(alice, agent);
                track(alice.get("/agents/" + agent + "/settings/provider", Map.of("HX-Request", "true")));
                track(alice.get("/agents/" + agent));
            }
            settings(bob, b1);
            track(alice.get("/"));
            track(bob.get("/"));
            assertThat(track(alice.post("/agents/" + a2 + "/delete", Map.of())).status()).isEqualTo(303);
            assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + a2 + "'")).isZero();

            // sanity: the journey did what it says, so the scans below mean something
            assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_kind = 'agent'")).isEqualTo(7);
            assertThat(settings(alice, a1)).contains("via API key sk-proj-\u2026AaAa");
            assertThat(settings(alice, a4)).contains("via API key sk-proj-\u2026EeEe");
            assertThat(settings(bob, b1)).contains("via API key sk-proj-\u2026BoBo");
            assertThat(openAi.requestCount("/v1/models")).isGreaterThan(15);

            // unreachable: a second server whose OpenAI API base is a closed local port
            try (TestApp offline = TestApp.start()) {
                WebClient carol = Accounts.admin(offline, "carol-canary@example.com");
                long c1 = Accounts.agent(carol, "Canary agent offline");
                assertThat(indicator(saveHtmx(carol, c1, CANARY_OFFLINE).body())).contains("Unverified");
                assertThat(indicator(testConnection(carol, c1).body())).contains("Unverified");
                settings(carol, c1);
                offline.stop();
                leaks.addAll(hitsInFiles(offline.dataDir(), ALL));
            }

            app.stop();
            logEvents = logs.eventCount();
            assertThat(logs.linesContaining("OpenAI check of API key")).as("the capture saw the app's logs").isNotEmpty();
            assertThat(logs.linesContaining("could not be decrypted")).as("the tamper was logged").isNotEmpty();
            leaks.addAll(hitsInText("log", logs.lines(), ALL));
        }
        System.out.println("SecretsAtRestTest: scanned " + logEvents + " log events and " + received.size()
                + " HTTP answers");

        List<String> answers = new ArrayList<>();
        for (WebClient.Response r : received) {
            answers.add(r.status() + " " + r.raw().uri() + "\n" + r.raw().headers().map() + "\n" + r.body());
        }
        leaks.addAll(hitsInText("HTTP answer", answers, ALL));

        List<Path> files = filesUnder(app.dataDir());
        System.out.println("SecretsAtRestTest: data dir files " + files.stream().map(f -> {
            try {
                return app.dataDir().relativize(f) + " (" + Files.size(f) + " bytes)";
            } catch (IOException e) {
                return f.toString();
            }
        }).toList());
        assertThat(files).as("the H2 database file").anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        // control: plaintext the database does hold is found by the same scan, so a stored key would be too
        byte[] db = Files.readAllBytes(files.stream().filter(f -> f.toString().endsWith(".mv.db")).findFirst().orElseThrow());
        assertThat(indexOf(db, "Canary agent unreachable".getBytes(StandardCharsets.UTF_8))).as("control").isNotNegative();
        leaks.addAll(hitsInFiles(app.dataDir(), ALL));

        assertThat(leaks).as("places a canary key was found").isEmpty();
    }

    // --- moved and tampered ciphertexts -----------------------------------------------------------------------

    @Test
    void a_ciphertext_copied_into_another_agents_row_fails_there_and_the_original_keeps_working() {
        startApp();
        WebClient alice = Accounts.admin(app, "alice@example.com");
        long a = Accounts.agent(alice, "Agent A");
        long b = Accounts.agent(alice, "Agent B");
        assertThat(saveHtmx(alice, a, CANARY_A).status()).isEqualTo(200);
        assertThat(saveHtmx(alice, b, CANARY_B).status()).isEqualTo(200);

        setCiphertext(b, ciphertext(a));
        int calls = openAi.requestCount("/v1/models");
        String card = testConnection(alice, b).body();

        assertThat(indicator(card)).contains("red").contains("Credential error");
        assertThat(card).contains("The saved key can no longer be decrypted. Enter it again.")
                .doesNotContain(secretPart(CANARY_A)).doesNotContain(secretPart(CANARY_B));
        assertThat(openAi.requestCount("/v1/models")).as("the moved key was never sent").isEqualTo(calls);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + b + "' AND unreadable = TRUE"))
                .as("flagged for re-entry").isEqualTo(1);
        assertThat(indicator(settings(alice, b))).contains("red");

        String cardA = testConnection(alice, a).body();
        assertThat(indicator(cardA)).contains("green").contains("Connected");
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + CANARY_A);
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE owner_id = '" + a + "' AND unreadable = TRUE")).isZero();

        // re-entry heals B
        assertThat(indicator(saveHtmx(alice, b, CANARY_B).body())).contains("green");
        testConnection(alice, b);
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + CANARY_B);
    }

    @Test
    void a_tampered_ciphertext_gives_a_clear_error_and_is_never_sent_to_openai() {
        startApp();
        WebClient alice = Accounts.admin(app, "alice@example.com");
        long a = Accounts.agent(alice, "Agent A");
        long other = Accounts.agent(alice, "Agent other");
        saveHtmx(alice, a, CANARY_A);
        saveHtmx(alice, other, CANARY_C);

        byte[] ct = ciphertext(a);
        for (int at : new int[] {ct.length / 2}) {
            byte[] flipped = ct.clone();
            flipped[at] ^= (byte) 0x80;
            setCiphertext(a, flipped);
        }
        int calls = openAi.requestCount("/v1/models");
        String card = testConnection(alice, a).body();

        assertThat(indicator(card)).contains("red").contains("Credential error");
        assertThat(card).contains("The saved key can no longer be decrypted. Enter it again.");
        assertThat(openAi.requestCount("/v1/models")).as("nothing sent to OpenAI").isEqualTo(calls);
        String page = settings(alice, a);
        assertThat(page).contains("Credential error").contains("can no longer be decrypted")
                .contains("The saved API key could not be decrypted.");

        // a second click does not send anything either, and the other agent keeps working
        testConnection(alice, a);
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls);
        assertThat(indicator(testConnection(alice, other).body())).contains("green");
        assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + CANARY_C);

        // a truncated ciphertext and an empty one fail the same way
        setCiphertext(a, java.util.Arrays.copyOf(ct, 10));
        assertThat(indicator(testConnection(alice, a).body())).contains("red");
        setCiphertext(a, new byte[0]);
        assertThat(indicator(testConnection(alice, a).body())).contains("red");
        assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls + 1);
    }

    // --- rotation ---------------------------------------------------------------------------------------------

    @Test
    void key_rotation_keeps_every_key_usable() {
        startApp();
        WebClient alice = Accounts.admin(app, "alice@example.com");
        Map<Long, String> keys = new LinkedHashMap<>();
        keys.put(Accounts.agent(alice, "Agent A"), CANARY_A);
        keys.put(Accounts.agent(alice, "Agent B"), CANARY_B);
        keys.put(Accounts.agent(alice, "Agent C"), CANARY_C);
        keys.put(Accounts.agent(alice, "Agent D"), CANARY_D);
        Map<Long, byte[]> before = new LinkedHashMap<>();
        Map<Long, Long> keyIdsBefore = new LinkedHashMap<>();
        keys.forEach((agent, key) -> {
            assertThat(indicator(saveHtmx(alice, agent, key).body())).contains("green");
            before.put(agent, ciphertext(agent));
            keyIdsBefore.put(agent, keyId(agent));
        });
        String url = "jdbc:h2:file:" + app.dataDir().toAbsolutePath().resolve("agento") + ";DB_CLOSE_ON_EXIT=FALSE";

        app.stop();
        int rotated;
        try (Database db = Database.open(url, "sa", "")) {
            rotated = KeyRotation.rotate(app.dataDir(), null, db.jdbi());
        }
        app.restart(Clock.systemUTC());

        assertThat(rotated).as("re-encrypted ciphertexts (4 keys + the canary)").isGreaterThanOrEqualTo(keys.size());
        WebClient again = new WebClient(app);
        assertThat(again.signIn("alice@example.com", Accounts.PASSWORD).status()).isEqualTo(303);
        keys.forEach((agent, key) -> {
            assertThat(ciphertext(agent)).as("re-encrypted").isNotEqualTo(before.get(agent));
            assertThat(keyId(agent)).as("new key id").isNotEqualTo(keyIdsBefore.get(agent));
            int calls = openAi.requestCount("/v1/models");
            String card = testConnection(again, agent).body();
            assertThat(indicator(card)).as("agent %s after rotation", agent).contains("green").contains("Connected");
            assertThat(openAi.requestCount("/v1/models")).isEqualTo(calls + 1);
            assertThat(openAi.lastHeader("Authorization")).isEqualTo("Bearer " + key);
        });
        // and a key saved after rotation uses the new primary
        long fresh = Accounts.agent(again, "Agent after rotation");
        saveHtmx(again, fresh, CANARY_E);
        assertThat(keyId(fresh)).isEqualTo(keyId(keys.keySet().iterator().next()));
        assertThat(app.count("SELECT COUNT(*) FROM secrets WHERE unreadable = TRUE")).isZero();
    }
}
