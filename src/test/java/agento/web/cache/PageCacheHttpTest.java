package agento.web.cache;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.MutableClock;
import agento.support.QueryCounts;
import agento.support.TestApp;
import agento.support.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The only server on its database keeps a page it drew (dashboard, Overview, Settings, the provider card) for the
 * same session asking again the same way, until anything is written or a second has passed; the route guard keeps
 * its look at the signed-in account until anything is written. What must hold: a kept
 * page is never older than the data, never shown to anyone else, and never hides a message shown once. Counted with
 * H2's statistics: how often the agents table was read. (Servers sharing a database keep nothing: {@code TwoServersIT}
 * changes settings on one and reads them on the other.)
 */
class PageCacheHttpTest {
    private TestApp app;

    @BeforeEach
    void onlyOnTheEmbeddedDatabase() {
        QueryCounts.assumeEmbeddedH2();
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_page_asked_again_comes_without_reading_the_database_until_anything_is_written() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        long agent = Accounts.agent(alice, "Helper");
        String settings = "/agents/" + agent + "/settings";
        countReads();
        String first = alice.get(settings).body();
        long reads = agentReads();
        for (String page : new String[] {settings, settings, settings}) {
            assertThat(alice.get(page).body()).isEqualTo(first);
        }
        assertThat(agentReads()).as("the same page again, from the copy").isEqualTo(reads);

        // a write by anything else in the server (a background job, say) is seen at once
        app.jdbi().useHandle(h -> h.execute("UPDATE agents SET name = 'Renamed by a job' WHERE id = ?", agent));
        assertThat(alice.get(settings).body()).contains("Renamed by a job").doesNotContain(">Helper<");
        assertThat(alice.get("/").body()).contains("Renamed by a job");

        // and a change made on the page itself
        alice.get("/agents/" + agent);
        assertThat(alice.post("/agents/" + agent + "/details", Map.of("name", "Helper Two", "description", ""))
                .status()).isEqualTo(303);
        assertThat(alice.get(settings).body()).contains("Helper Two").doesNotContain("Renamed by a job");
        assertThat(alice.get("/agents/" + agent).body()).contains("Helper Two");
        assertThat(alice.get("/").body()).contains("Helper Two");
    }

    @Test
    void a_refused_form_shows_its_message_once_though_the_page_was_kept() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        long agent = Accounts.agent(alice, "Helper");
        String settings = "/agents/" + agent + "/settings";
        alice.get(settings);
        alice.get(settings);
        WebClient.Response refused = alice.post("/agents/" + agent + "/details", Map.of("name", "", "description", ""));
        assertThat(refused.status()).isEqualTo(303);
        assertThat(alice.follow(refused).body()).contains("Give the agent a name.");
        assertThat(alice.get(settings).body()).as("shown once").doesNotContain("Give the agent a name.");
    }

    @Test
    void a_kept_page_is_never_shown_to_another_session_or_after_signing_out() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        WebClient bob = Accounts.user(app, alice, "bob@example.org");
        long agent = Accounts.agent(alice, "Helper of Alice");
        String settings = "/agents/" + agent + "/settings";
        alice.get(settings);
        String aliceSession = alice.sessionId();
        assertThat(alice.get(settings).body()).contains("Helper of Alice").contains(alice.csrfToken());

        assertThat(bob.get(settings).status()).as("not Bob's agent").isEqualTo(404);
        WebClient aliceElsewhere = new WebClient(app);
        aliceElsewhere.signIn("alice@example.org", Accounts.PASSWORD);
        String elsewhere = aliceElsewhere.get(settings).body();
        assertThat(elsewhere).contains("Helper of Alice").contains(aliceElsewhere.csrfToken())
                .doesNotContain(alice.csrfToken());

        assertThat(alice.post("/logout", Map.of()).status()).isEqualTo(303);
        WebClient oldCookie = new WebClient(app);
        WebClient.Response after = oldCookie.get(settings, Map.of("Cookie", "AGENTO_SESSION=" + aliceSession));
        assertThat(after.status()).as("the ended session gets no copy").isEqualTo(302);
        assertThat(after.body()).doesNotContain("Helper of Alice");
    }

    @Test
    void the_card_and_the_whole_page_at_one_address_are_kept_apart() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        long agent = Accounts.agent(alice, "Helper");
        String card = "/agents/" + agent + "/settings/provider";
        for (int i = 0; i < 2; i++) {
            assertThat(alice.get(card, Map.of("HX-Request", "true")).body()).doesNotContain("<html")
                    .contains("Sign in with OpenAI");
            assertThat(alice.get(card).body()).contains("<html").contains("Sign in with OpenAI");
        }
    }

    @Test
    void a_kept_page_lives_at_most_a_second_and_not_past_a_clock_set_back() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        app = TestApp.start(Map.of(), clock);
        WebClient alice = Accounts.admin(app, "alice@example.org");
        long agent = Accounts.agent(alice, "Helper");
        String overview = "/agents/" + agent;
        countReads();
        alice.get(overview);
        long reads = agentReads();
        alice.get(overview);
        assertThat(agentReads()).as("within the second: the copy").isEqualTo(reads);
        clock.advance(PageCache.LIFETIME.plus(Duration.ofMillis(1)));
        alice.get(overview);
        long later = agentReads();
        assertThat(later).as("a second later: drawn again").isGreaterThan(reads);

        clock.advance(Duration.ofMinutes(-2)); // the clock set back (NTP): a copy drawn "in the future" is not kept on
        alice.get(overview);
        assertThat(agentReads()).as("the clock set back: drawn again").isGreaterThan(later);
    }

    @Test
    void servers_that_may_share_their_database_keep_no_page(@TempDir Path dir) {
        String shared = "jdbc:h2:file:" + dir.resolve("agento") + ";AUTO_SERVER=TRUE";
        app = TestApp.start(Map.of("AGENTO_DB_URL", shared), Clock.systemUTC());
        WebClient alice = Accounts.admin(app, "alice@example.org");
        long agent = Accounts.agent(alice, "Helper");
        String settings = "/agents/" + agent + "/settings";
        countReads();
        alice.get(settings);
        long reads = agentReads();
        alice.get(settings);
        assertThat(agentReads()).as("drawn again for every request").isGreaterThan(reads);
    }

    @Test
    void the_route_guard_reads_a_signed_in_account_once_until_anything_is_written() {
        app = TestApp.start();
        WebClient alice = Accounts.admin(app, "alice@example.org");
        WebClient bob = Accounts.user(app, alice, "bob@example.org");
        countReads();
        assertThat(bob.get("/agents/new").status()).isEqualTo(200); // a page nobody keeps: the guard alone
        long reads = reads("users");
        for (int i = 0; i < 3; i++) {
            assertThat(bob.get("/agents/new").status()).isEqualTo(200);
        }
        assertThat(reads("users")).as("the account as last read").isEqualTo(reads);

        WebClient.Response removed = alice.post("/admin/users/" + bobId() + "/remove", Map.of());
        assertThat(removed.status()).isEqualTo(303);
        assertThat(bob.get("/agents/new").location()).as("removed: signed out at once").startsWith("/login");
    }

    private long bobId() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM users WHERE email = 'bob@example.org'")
                .mapTo(Long.class).one());
    }

    /** A write, so it comes before the page the test keeps. */
    private void countReads() {
        QueryCounts.start(app);
    }

    private long agentReads() {
        return reads("agents");
    }

    private long reads(String table) {
        return QueryCounts.selects(app, "select%from " + table + " %");
    }
}
