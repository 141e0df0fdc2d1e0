package agento.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Ready-made people for tests: the first admin (through the setup page) and users the admin adds. */
public final class Accounts {
    public static final String PASSWORD = "correct horse battery";
    /** The first admin of a browser journey. */
    public static final String OWNER = "owner@example.com";

    private Accounts() {}

    /** Runs first-run setup and returns a client signed in as the admin. */
    public static WebClient admin(TestApp app, String email) {
        WebClient client = new WebClient(app);
        client.get("/setup");
        WebClient.Response response = client.post("/setup",
                Map.of("email", email, "password", PASSWORD, "confirmPassword", PASSWORD));
        assertThat(response.status()).as("setup answers with a redirect").isEqualTo(303);
        client.forgetToken();
        return client;
    }

    /** The admin adds {@code email}; returns a new client signed in as that user. */
    public static WebClient user(TestApp app, WebClient admin, String email) {
        WebClient.Response added = admin.post("/admin/users", Map.of("email", email, "password", PASSWORD));
        assertThat(added.status()).isEqualTo(303);
        assertThat(admin.follow(added).body()).contains("Added " + email + ".");
        WebClient client = new WebClient(app);
        assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(303);
        return client;
    }

    /** Connects {@code agent} to OpenAI with {@code apiKey} and starts it (Save, then Start); returns its id. */
    public static long connectAndStart(WebClient client, long agent, String apiKey) {
        client.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", apiKey));
        assertThat(client.post("/agents/" + agent + "/start", Map.of()).status()).isEqualTo(303);
        return agent;
    }

    /** Creates an agent over HTTP and returns its id. */
    public static long agent(WebClient client, String name) {
        WebClient.Response created = client.post("/agents", Map.of("name", name, "description", ""));
        assertThat(created.status()).isEqualTo(303);
        return Long.parseLong(created.location().replaceAll(".*/agents/", ""));
    }
}
