package agento.provider.refresh;

import agento.provider.core.ActivityEntry;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.provider.refresh.RefreshException.CredentialError;
import agento.provider.refresh.RefreshException.NotConnected;
import agento.provider.refresh.RefreshException.ReconnectNeeded;
import agento.provider.refresh.RefreshException.Unavailable;
import agento.provider.refresh.TokenRefresher.Access;
import agento.provider.refresh.TokenRefresherTest.Testbed;
import agento.fakes.FakeOpenAiAuth.TokenFailure;
import agento.provider.openai.OAuthFailure;
import agento.provider.openai.TokenSet;
import agento.support.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRefresherFailureTest {

    @RegisterExtension
    final Testbed bed = new Testbed();

    @Test
    void a_5xx_from_the_token_endpoint_keeps_connected_and_the_old_token_while_valid_backs_off_then_recovers()
            throws Exception {
        TokenSet tokens = bed.signIn();
        bed.fake.failTokenEndpoint(TokenFailure.SERVER_ERROR);
        Instant expiresAt = Instant.now().plusMillis(2500);
        long agent = bed.connect(bed.newAgent(), tokens, expiresAt, Instant.now());
        Testbed.Recording oauth = bed.recordingClient();
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(21));
        long started = System.nanoTime();
        refresher.start();

        while (Instant.now().isBefore(expiresAt.minusMillis(200))) {
            assertThat(refresher.currentAccess(agent).accessToken()).isEqualTo(tokens.accessToken());
            assertThat(bed.row(agent).stateEnum()).isEqualTo(ConnectionState.CONNECTED);
            Thread.sleep(100);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis() + 100));
        assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(Unavailable.class)
                .hasMessage("Couldn't reach OpenAI to renew the sign-in; retrying automatically.");
        Connection failing = bed.row(agent);
        assertThat(failing.stateEnum()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(failing.stateReason()).isEqualTo(TokenRefresher.UNAVAILABLE_REASON);
        assertThat(failing.refreshFailures()).isEqualTo(2);
        assertThat(bed.fake.refreshCount()).isEqualTo(2);
        assertThat(bed.secret(CredentialNames.refreshToken(agent))).isEqualTo(tokens.refreshToken());

        bed.fake.failTokenEndpoint(TokenFailure.NONE);
        Testbed.await(() -> bed.row(agent).refreshFailures() == 0);

        List<Long> gapsMillis = gaps(oauth.refreshCallsAtNanos);
        System.out.printf("5xx then recovery: refresh calls at %s ms after start, gaps %s ms%n",
                offsets(oauth.refreshCallsAtNanos, started), gapsMillis);
        assertThat(gapsMillis).hasSize(2);
        assertThat(gapsMillis.get(0)).isBetween(950L, 1600L);
        assertThat(gapsMillis.get(1)).isBetween(1950L, 2900L);
        Access access = refresher.currentAccess(agent);
        assertThat(bed.fake.isAccessTokenValid(access.accessToken(), access.accountId())).isTrue();
        Connection recovered = bed.row(agent);
        assertThat(recovered.stateEnum()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(recovered.stateReason()).isNull();
        assertThat(bed.store().activity(agent, ConnectionStore.ACTIVITY_SHOWN)).extracting(ActivityEntry::detail)
                .anyMatch(d -> d.startsWith("Couldn't reach OpenAI to renew the sign-in (server_error)"))
                .anyMatch(d -> d.equals("Sign-in renewed with OpenAI after 2 failed attempts."));
    }

    @Test
    void a_retry_planned_by_a_caller_while_the_thread_slept_is_still_made_on_time() throws Exception {
        long agent = bed.agentDueForRefresh();
        Testbed.Recording oauth = bed.recordingClient();
        oauth.beforeRefresh = () -> {
            oauth.beforeRefresh = () -> { };
            sleep(500);
            throw new OAuthFailure(OAuthFailure.Kind.TRANSIENT, "timeout", "The sign-in service did not answer in time");
        };
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(27));
        Thread caller = new Thread(() -> refresher.currentAccess(agent));
        caller.start();
        sleep(150);

        // the thread's first pass finds the row leased by the caller and plans around the lease
        refresher.start();
        caller.join(5_000);

        Testbed.await(() -> refresher.refreshCount() == 2 && bed.row(agent).refreshFailures() == 0);
        long retryGapMillis = (oauth.refreshCallsAtNanos.get(1) - oauth.refreshCallsAtNanos.get(0)) / 1_000_000;
        assertThat(retryGapMillis).isBetween(1000L, 2500L);
    }

    @Test
    void invalid_grant_marks_reconnect_needed_keeps_the_tokens_and_stops_retrying() throws Exception {
        TokenSet tokens = bed.signIn();
        bed.fake.failTokenEndpoint(TokenFailure.INVALID_GRANT);
        long agent = bed.connect(bed.newAgent(), tokens, Instant.now().plusSeconds(1), Instant.now());
        TokenRefresher refresher = bed.refresher(new SplittableRandom(22));
        refresher.start();

        Testbed.await(() -> bed.row(agent).stateEnum() == ConnectionState.NEEDS_RECONNECT);
        Thread.sleep(1500);

        assertThat(bed.fake.refreshCount()).isEqualTo(1);
        Connection row = bed.row(agent);
        assertThat(row.stateReason()).isEqualTo("OpenAI no longer accepts this sign-in. Click Reconnect to sign in "
                + "again.");
        assertThat(row.refreshDueAt()).isNull();
        assertThat(row.refreshLeaseUntil()).isNull();
        assertThat(bed.secret(CredentialNames.accessToken(agent))).isEqualTo(tokens.accessToken());
        assertThat(bed.secret(CredentialNames.refreshToken(agent))).isEqualTo(tokens.refreshToken());
        assertThat(bed.secret(CredentialNames.idToken(agent))).isEqualTo(tokens.idToken());
        assertThat(bed.store().activity(agent, ConnectionStore.ACTIVITY_SHOWN)).extracting(ActivityEntry::detail)
                .anyMatch(d -> d.startsWith("OpenAI no longer accepts this sign-in (invalid_grant)"));
        assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(ReconnectNeeded.class);
        assertThat(bed.fake.refreshCount()).isEqualTo(1);
    }

    @Test
    void a_refusal_after_another_worker_rotated_the_pair_uses_the_new_pair_instead_of_asking_to_reconnect() {
        long agent = bed.agentDueForRefresh();
        TokenSet rotated = bed.signIn();
        Testbed.Recording oauth = bed.recordingClient();
        oauth.duringRefresh = () -> {
            bed.connect(agent, rotated, rotated.expiresAt(), Instant.now().plusSeconds(1800));
            throw new OAuthFailure(OAuthFailure.Kind.INVALID_GRANT, "refresh_token_reused", "reused");
        };
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(23));

        Access access = refresher.currentAccess(agent);

        assertThat(access.accessToken()).isEqualTo(rotated.accessToken());
        assertThat(bed.row(agent).stateEnum()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(bed.row(agent).refreshLeaseUntil()).isNull();
    }

    @Test
    void any_other_refusal_by_the_token_endpoint_also_asks_to_reconnect() {
        long agent = bed.agentDueForRefresh();
        Testbed.Recording oauth = bed.recordingClient();
        oauth.duringRefresh = () -> {
            throw new OAuthFailure(OAuthFailure.Kind.REJECTED, "invalid_client", "refused (invalid_client, HTTP 401)");
        };
        TokenRefresher refresher = bed.refresher(oauth, new SplittableRandom(24));

        assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(ReconnectNeeded.class);
        assertThat(bed.row(agent).stateEnum()).isEqualTo(ConnectionState.NEEDS_RECONNECT);
    }

    @Test
    void a_refresh_token_that_cannot_be_decrypted_is_a_credential_error_and_is_never_sent() {
        long agent = bed.connectedAgent(Instant.now().minusSeconds(1), Instant.now().minusSeconds(1));
        // a ciphertext moved from another row no longer decrypts (associated data)
        bed.sql("UPDATE secrets SET ciphertext = (SELECT ciphertext FROM secrets WHERE owner_id = :o AND name = "
                + "'openai_access_token') WHERE owner_id = :o AND name = 'openai_refresh_token'",
                "o", Long.toString(agent));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(25));

        assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(CredentialError.class);

        assertThat(bed.fake.refreshCount()).isZero();
        Connection row = bed.row(agent);
        assertThat(row.stateEnum()).isEqualTo(ConnectionState.CREDENTIAL_ERROR);
        assertThat(row.stateReason()).contains("can no longer be decrypted");
        assertThat(row.refreshDueAt()).isNull();
    }

    @Test
    void refresh_logs_name_the_agent_and_the_outcome_but_never_a_token() {
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().minusMillis(1));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(28));
        List<String> secrets = new ArrayList<>(List.of(tokens.accessToken(), tokens.refreshToken(), tokens.idToken()));

        try (LogCapture logs = LogCapture.start()) {
            secrets.add(refresher.currentAccess(agent).accessToken());
            secrets.add(bed.secret(CredentialNames.refreshToken(agent)));
            bed.fake.failTokenEndpoint(TokenFailure.SERVER_ERROR);
            dueNow(agent);
            refresher.currentAccess(agent);
            bed.fake.failTokenEndpoint(TokenFailure.INVALID_GRANT);
            dueNow(agent);
            assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(ReconnectNeeded.class);

            assertThat(logs.linesContaining("agent " + agent + " failed")).isNotEmpty();
            assertThat(logs.linesContaining("agent " + agent + " refused")).isNotEmpty();
            for (String secret : secrets) {
                assertThat(logs.linesContaining(secret)).isEmpty();
            }
        }
    }

    @Test
    void an_agent_connected_by_api_key_or_not_at_all_has_no_oauth_access() {
        long agent = bed.newAgent();
        TokenRefresher refresher = bed.refresher(new SplittableRandom(26));

        assertThatThrownBy(() -> refresher.currentAccess(agent)).isInstanceOf(NotConnected.class);
    }

    private void dueNow(long agent) {
        bed.sql("UPDATE provider_connections SET refresh_due_at = :now WHERE agent_id = :agent", "now", Instant.now(),
                "agent", agent);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Long> gaps(List<Long> nanos) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < nanos.size(); i++) {
            gaps.add((nanos.get(i) - nanos.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    private static List<Long> offsets(List<Long> nanos, long start) {
        return nanos.stream().map(n -> (n - start) / 1_000_000).toList();
    }
}
