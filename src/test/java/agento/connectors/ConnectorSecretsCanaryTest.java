package agento.connectors;

import static agento.connectors.ConnectorSteps.fields;
import static agento.connectors.ConnectorSteps.headerAuth;
import static org.assertj.core.api.Assertions.assertThat;

import agento.fakes.FakeRemoteApi;
import agento.support.Accounts;
import agento.support.LogCapture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The canary run of issue 11: recognisable secrets (a variable's value, a literal token, a Basic password) go through
 * every connector journey, the fake echoes them back; then every page, log line and database file is searched.
 */
class ConnectorSecretsCanaryTest {
    static final String VARIABLE = "cv-CANARYvarQ7x2Lm9Vt4Rk8Ws1Pz6AaAa";
    static final String LITERAL = "cl-CANARYlitK3d8Fh2Jn5Qp7Tv1Xz4BbBb";
    static final String REJECTED = "cr-CANARYrejM6r1Hs9Lw3Vd5Nq8Gy2CcCc";
    static final List<String> CANARIES = List.of(VARIABLE, LITERAL, REJECTED);

    private final List<String> pages = new ArrayList<>();

    private WebClient.Response keep(WebClient.Response r) {
        pages.add(r.status() + " " + r.raw().headers().map() + " " + r.body());
        return r;
    }

    private long created(WebClient.Response r) {
        keep(r);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        return Long.parseLong(r.location().replaceAll(".*/", ""));
    }

    @Test
    void no_secret_appears_in_a_page_a_log_line_or_the_database_files() throws IOException {
        FakeRemoteApi api = new FakeRemoteApi().acceptKey(VARIABLE).acceptKey(LITERAL).acceptBasic("ann", VARIABLE);
        List<String> logLines;
        Path dataDir;
        try (LogCapture logs = LogCapture.start()) {
            TestApp app = TestApp.start(Map.of("AGENTO_CONNECTOR_ALLOWED_HOSTS", "127.0.0.1:" + api.port()),
                    Clock.systemUTC());
            dataDir = app.dataDir();
            try {
                WebClient alice = Accounts.admin(app, "alice@example.com");
                keep(alice.post("/connectors/variables", Map.of("name", "bad name", "value", VARIABLE)));
                keep(alice.post("/connectors/variables", Map.of("name", "CANARY_KEY", "value", VARIABLE)));
                keep(alice.post("/connectors", headerAuth("Broken", "ftp://x", LITERAL)));
                keep(alice.post("/connectors", headerAuth("Unknown", api.origin(), "{{MISSING}} " + REJECTED)));
                long header = created(alice.post("/connectors", headerAuth("Header", api.origin(), "{{CANARY_KEY}}")));
                long query = created(alice.post("/connectors", fields("name", "Query", "baseUrl", api.origin(),
                        "authType", "api_key", "apiKeyIn", "query", "queryName", "api_key", "apiKey", "{{CANARY_KEY}}")));
                long basic = created(alice.post("/connectors", fields("name", "Basic", "baseUrl", api.origin(),
                        "authType", "basic", "username", "ann", "password", "{{CANARY_KEY}}")));
                long bearer = created(alice.post("/connectors", fields("name", "Bearer", "baseUrl", api.origin(),
                        "authType", "bearer", "token", LITERAL)));
                for (long c : List.of(header, query, basic, bearer)) {
                    for (String path : List.of("/echo", "/v1/models", "/query/models", "/basic/me", "/bearer/me",
                            "/redirect?to=/echo/again")) {
                        String[] parts = path.split("\\?");
                        long a = created(alice.post("/connectors/" + c + "/actions", fields("method", "POST",
                                "path", parts[0], "query", parts.length > 1 ? parts[1] : "x={{CANARY_KEY}}",
                                "headers", "X-Copy: {{CANARY_KEY}}", "body", "{\"k\": \"{{CANARY_KEY}}\"}")));
                        keep(ConnectorSteps.test(alice, c, a));
                        if (path.equals("/echo")) {
                            assertThat(api.lastBody()).as("the fake really got the secret").contains(VARIABLE);
                        }
                        keep(alice.get("/connectors/" + c + "/actions/" + a));
                        keep(alice.get("/connectors/" + c + "/actions/" + a + "/edit"));
                    }
                    keep(alice.get("/connectors/" + c));
                    keep(alice.get("/connectors/" + c + "/edit"));
                    keep(alice.post("/connectors/" + c, fields("name", "", "baseUrl", "nope", "authType", "bearer",
                            "token", REJECTED)));
                }
                keep(alice.get("/connectors"));
                keep(alice.get("/connectors/variables"));
                keep(alice.get("/connectors/new?template=openai"));
                keep(alice.post("/connectors/import", Map.of("curl", "curl " + api.origin() + "/echo -H 'Authorization: "
                        + "Bearer " + LITERAL + "'")));
                assertThat(app.count("SELECT COUNT(*) FROM action_runs")).isEqualTo(24);
            } finally {
                app.close();
            }
            assertThat(logs.eventCount()).isPositive();
            logLines = logs.lines();
        } finally {
            api.close();
        }
        List<String> hits = new ArrayList<>();
        for (String canary : CANARIES) {
            for (String form : forms(canary)) {
                pages.stream().filter(p -> p.contains(form)).forEach(p -> hits.add("page: " + form));
                logLines.stream().filter(l -> l.contains(form)).forEach(l -> hits.add("log: " + l));
                for (Path file : files(dataDir)) {
                    if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(form)) {
                        hits.add("file " + dataDir.relativize(file) + ": " + form);
                    }
                }
            }
        }
        assertThat(hits).isEmpty();
        assertThat(files(dataDir)).anyMatch(f -> f.toString().endsWith(".mv.db"));
        System.out.println("CANARY: " + pages.size() + " answers, " + logLines.size() + " log lines, "
                + files(dataDir).size() + " data files scanned, " + hits.size() + " hits");
    }

    /** The secret as typed, its middle, URL-encoded, in Base64 alone and as Basic user:password. */
    private static List<String> forms(String canary) {
        return List.of(canary, canary.substring(3, canary.length() - 4),
                URLEncoder.encode(canary, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("ann:" + canary).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
