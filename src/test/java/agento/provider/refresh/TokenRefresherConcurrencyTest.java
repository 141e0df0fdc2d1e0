package agento.provider.refresh;

import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;

import static org.assertj.core.api.Assertions.assertThat;

import agento.provider.refresh.TokenRefresher.Access;
import agento.provider.refresh.TokenRefresherTest.Testbed;
import agento.db.Database;
import agento.fakes.FakeOpenAiAuth.TokenFailure;
import agento.provider.openai.TokenSet;
import agento.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRefresherConcurrencyTest {

    @RegisterExtension
    final Testbed bed = new Testbed();
    private final ExecutorService callers = Executors.newFixedThreadPool(50);

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
    }

    @Test
    void fifty_concurrent_callers_on_an_expiring_token_cause_exactly_one_refresh() throws Exception {
        bed.fake.failTokenEndpoint(TokenFailure.SLOW).slowDelay(Duration.ofMillis(300));
        long agent = bed.connectedAgent(Instant.now().plusSeconds(2), Instant.now().minusMillis(1));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(11));

        List<Access> results = all(agent, 50, i -> refresher);

        assertThat(bed.fake.refreshCount()).isEqualTo(1);
        assertThat(refresher.refreshCount()).isEqualTo(1);
        String stored = bed.secret(CredentialNames.accessToken(agent));
        assertThat(results).extracting(Access::accessToken).containsOnly(stored);
        assertThat(bed.fake.isAccessTokenValid(stored, bed.fake.accountId())).isTrue();
    }

    @Test
    void two_servers_on_one_database_racing_for_an_expired_token_refresh_it_once() throws Exception {
        bed.fake.failTokenEndpoint(TokenFailure.SLOW).slowDelay(Duration.ofMillis(300));
        Instant expired = Instant.now().minusSeconds(5);
        long agent = bed.connectedAgent(expired, expired);
        try (Database secondServer = Database.open(bed.url(), "sa", "")) {
            TokenRefresher first = bed.refresher(new SplittableRandom(12));
            TokenRefresher second = new TokenRefresher(secondServer.jdbi(), bed.secrets(),
                    new ConnectionStore(secondServer.jdbi(), bed.secrets(), bed.clock()), bed.client(), bed.clock(),
                    new SplittableRandom(13));

            List<Access> results = all(agent, 40, i -> i % 2 == 0 ? first : second);

            assertThat(bed.fake.refreshCount()).isEqualTo(1);
            assertThat(first.refreshCount() + second.refreshCount()).isEqualTo(1);
            String stored = bed.secret(CredentialNames.accessToken(agent));
            assertThat(results).extracting(Access::accessToken).containsOnly(stored);
            assertThat(bed.fake.isAccessTokenValid(stored, bed.fake.accountId())).isTrue();
            assertThat(bed.row(agent).refreshLeaseUntil()).isNull();
            second.close();
        }
    }

    @Test
    void a_stale_writer_does_not_overwrite_a_newer_pair() {
        long agent = bed.agentDueForRefresh();
        TokenSet newer = bed.signIn();
        Testbed.Recording oauth = bed.recordingClient();
        // while our refresh is on the wire, the person reconnects and a newer pair is saved
        oauth.duringRefresh = () -> bed.connect(agent, newer, newer.expiresAt(), Instant.now().plusSeconds(1800));
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(14));

        Access access = refresher.currentAccess(agent);

        assertThat(refresher.refreshCount()).isEqualTo(1);
        assertThat(access.accessToken()).isEqualTo(newer.accessToken());
        assertThat(bed.secret(CredentialNames.accessToken(agent))).isEqualTo(newer.accessToken());
        assertThat(bed.secret(CredentialNames.refreshToken(agent))).isEqualTo(newer.refreshToken());
        assertThat(bed.row(agent).refreshLeaseUntil()).isNull();
    }

    @Test
    void a_state_change_saved_during_a_refresh_does_not_make_the_new_pair_be_thrown_away() {
        long agent = bed.agentDueForRefresh();
        Testbed.Recording oauth = bed.recordingClient();
        // another server's Test connection bumps the row version while the rotated pair is on the wire
        oauth.duringRefresh = () -> bed.store().updateState(agent, ConnectionState.CONNECTED, null, true, null,
                "verified", "Test connection: verified with OpenAI.");
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(17));

        Access access = refresher.currentAccess(agent);

        assertThat(bed.secret(CredentialNames.accessToken(agent))).isEqualTo(access.accessToken());
        oauth.duringRefresh = () -> { };
        bed.sql("UPDATE provider_connections SET refresh_due_at = :now WHERE agent_id = :agent",
                "now", Instant.now(), "agent", agent);
        Access next = refresher.currentAccess(agent);
        assertThat(bed.fake.isAccessTokenValid(next.accessToken(), next.accountId())).isTrue();
        assertThat(bed.fake.refreshCount()).isEqualTo(2);
        assertThat(bed.row(agent).stateEnum()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void a_lease_left_by_a_server_that_died_runs_out_and_the_token_is_then_refreshed() throws Exception {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        bed.open(clock);
        Instant expired = clock.instant().minusSeconds(1);
        long agent = bed.connectedAgent(expired, expired);
        bed.sql("UPDATE provider_connections SET refresh_lease_until = :until WHERE agent_id = :agent",
                "until", clock.instant().plus(Duration.ofSeconds(30)), "agent", agent);
        TokenRefresher refresher = bed.refresher(new SplittableRandom(15));

        Future<Access> waiting = callers.submit(() -> refresher.currentAccess(agent));
        Thread.sleep(400);
        assertThat(waiting).isNotDone();
        assertThat(bed.fake.refreshCount()).isZero();
        clock.advance(Duration.ofSeconds(31));

        Access access = waiting.get(5, TimeUnit.SECONDS);
        assertThat(bed.fake.refreshCount()).isEqualTo(1);
        assertThat(bed.fake.isAccessTokenValid(access.accessToken(), access.accountId())).isTrue();
    }

    @Test
    void while_another_server_renews_a_token_that_still_works_callers_keep_using_it() {
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().minusMillis(1));
        bed.sql("UPDATE provider_connections SET refresh_lease_until = :until WHERE agent_id = :agent",
                "until", Instant.now().plusSeconds(30), "agent", agent);
        TokenRefresher refresher = bed.refresher(new SplittableRandom(16));

        long started = System.nanoTime();
        Access access = refresher.currentAccess(agent);

        assertThat(access.accessToken()).isEqualTo(tokens.accessToken());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(bed.fake.refreshCount()).isZero();
    }

    @Test
    void a_token_openai_refused_is_not_handed_out_again_while_another_server_renews_it() throws Exception {
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().minusMillis(1));
        bed.sql("UPDATE provider_connections SET refresh_lease_until = :until WHERE agent_id = :agent",
                "until", Instant.now().plusSeconds(30), "agent", agent);
        TokenRefresher refresher = bed.refresher(new SplittableRandom(18));

        Future<Access> retry = callers.submit(() -> refresher.renewAfterRejection(agent, tokens.accessToken()));
        Thread.sleep(400);
        assertThat(retry).as("it waits for the other server instead of returning the refused token").isNotDone();
        // the other server gives up its lease without a new pair: this one renews
        bed.sql("UPDATE provider_connections SET refresh_lease_until = NULL, version = version + 1 "
                + "WHERE agent_id = :agent", "agent", agent);

        Access access = retry.get(5, TimeUnit.SECONDS);
        assertThat(access.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(bed.fake.isAccessTokenValid(access.accessToken(), access.accountId())).isTrue();
        assertThat(bed.fake.refreshCount()).isEqualTo(1);
    }

    private interface Pick {
        TokenRefresher refresherFor(int caller);
    }

    /** n callers released at once; each asks the refresher it is given for the agent's token. */
    private List<Access> all(long agent, int n, Pick pick) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Access>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TokenRefresher refresher = pick.refresherFor(i);
            Callable<Access> call = () -> {
                go.await();
                return refresher.currentAccess(agent);
            };
            futures.add(callers.submit(call));
        }
        go.countDown();
        List<Access> results = new ArrayList<>();
        for (Future<Access> f : futures) {
            results.add(f.get(15, TimeUnit.SECONDS));
        }
        return results;
    }
}
