package agento.provider.refresh;

import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.CredentialNames;

import static org.assertj.core.api.Assertions.assertThat;

import agento.provider.refresh.TokenRefresher.Access;
import agento.db.Database;
import agento.fakes.FakeOpenAiAuth;
import agento.fakes.LoopbackServer;
import agento.provider.openai.AuthorizationRequest;
import agento.provider.openai.IdTokenClaims;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OAuthSettings;
import agento.provider.openai.ScribeJavaOAuthClient;
import agento.provider.openai.TokenSet;
import agento.support.MutableClock;
import agento.support.ScratchDir;
import agento.vault.SecretRef;
import agento.vault.SecretStore;
import agento.vault.SecretVault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRefresherTest {

    @RegisterExtension
    final Testbed bed = new Testbed();

    @Test
    void connections_with_the_same_expiry_get_different_due_times_all_before_it() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        bed.open(clock);
        bed.fake.clock(clock);
        long first = bed.connectedAgent(clock.instant(), clock.instant());
        long second = bed.connectedAgent(clock.instant(), clock.instant());
        TokenRefresher refresher = bed.refresher(new SplittableRandom(42));

        refresher.currentAccess(first);
        refresher.currentAccess(second);

        Connection a = bed.row(first);
        Connection b = bed.row(second);
        Instant expiry = clock.instant().plus(Duration.ofHours(1));
        assertThat(a.accessExpiresAt()).isEqualTo(expiry).isEqualTo(b.accessExpiresAt());
        assertThat(a.refreshDueAt()).isNotEqualTo(b.refreshDueAt());
        for (Connection c : List.of(a, b)) {
            assertThat(c.refreshDueAt()).isBefore(expiry.minus(Duration.ofMinutes(5)).plusMillis(1))
                    .isAfterOrEqualTo(expiry.minus(Duration.ofMinutes(5)).minus(Duration.ofSeconds(150)));
        }
    }

    @Test
    void with_a_three_second_token_lifetime_each_token_is_renewed_before_it_expires() throws Exception {
        bed.fake.accessTokenLifetime(Duration.ofSeconds(3));
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(),
                RefreshSchedule.dueAt(Instant.now(), tokens.expiresAt(), new SplittableRandom(1)));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(2));
        refresher.start();
        long started = System.nanoTime();
        Set<String> seen = new HashSet<>();
        List<Long> renewalsAtMillis = new ArrayList<>();

        // first 6 s: nobody asks, so only the background thread can keep the stored token valid
        while (System.nanoTime() - started < 6_000_000_000L) {
            String stored = bed.secret(CredentialNames.accessToken(agent));
            assertThat(bed.fake.isAccessTokenValid(stored, bed.fake.accountId())).as("stored token valid").isTrue();
            if (seen.add(stored)) {
                renewalsAtMillis.add((System.nanoTime() - started) / 1_000_000);
            }
            Thread.sleep(100);
        }
        // next 6 s: callers always get a token OpenAI accepts
        while (System.nanoTime() - started < 12_000_000_000L) {
            Access access = refresher.currentAccess(agent);
            assertThat(bed.fake.isAccessTokenValid(access.accessToken(), access.accountId())).isTrue();
            assertThat(access.accountId()).isEqualTo(bed.fake.accountId());
            seen.add(access.accessToken());
            Thread.sleep(100);
        }

        System.out.printf("3-second tokens over 12 s: %d refreshes by this instance, %d at the token endpoint, "
                + "%d distinct tokens; new tokens first seen at %s ms%n", refresher.refreshCount(),
                bed.fake.refreshCount(), seen.size(), renewalsAtMillis);
        assertThat(refresher.refreshCount()).isBetween(4L, 8L).isEqualTo(bed.fake.refreshCount());
        assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
        assertThat(bed.row(agent).stateEnum()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void at_start_up_a_token_that_expired_while_the_server_was_down_is_refreshed_immediately() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        long agent = bed.connectedAgent(longAgo, longAgo);
        TokenRefresher refresher = bed.refresher(new SplittableRandom(3));

        long started = System.nanoTime();
        refresher.start();

        Testbed.await(() -> refresher.refreshCount() == 1 && bed.row(agent).accessExpiresAt().isAfter(Instant.now()));
        System.out.printf("start-up refresh of an expired token took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(bed.fake.isAccessTokenValid(bed.secret(CredentialNames.accessToken(agent)), bed.fake.accountId()))
                .isTrue();
        assertThat(bed.row(agent).refreshDueAt()).isAfter(Instant.now());
    }

    @Test
    void waking_the_thread_plans_again_for_a_connection_saved_while_it_slept() throws Exception {
        TokenRefresher refresher = bed.refresher(new SplittableRandom(4));
        refresher.start();
        Thread.sleep(300);
        long agent = bed.connectedAgent(Instant.now().plusSeconds(3600), Instant.now());

        refresher.wake();

        Testbed.await(() -> refresher.refreshCount() == 1 && bed.row(agent).refreshDueAt().isAfter(Instant.now()));
    }

    @Test
    void a_fresh_token_is_returned_as_stored_without_calling_openai_and_never_printed() {
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().plusSeconds(1800));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(5));

        Access access = refresher.currentAccess(agent);

        assertThat(access.accessToken()).isEqualTo(tokens.accessToken());
        assertThat(access.accountId()).isEqualTo(bed.fake.accountId());
        assertThat(access.toString()).doesNotContain(tokens.accessToken());
        assertThat(refresher.refreshCount()).isZero();
    }

    @Test
    void a_refresh_that_rotates_the_refresh_token_stores_the_new_one_with_the_new_access_token() {
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().minusSeconds(1));
        long versionBefore = bed.row(agent).version();

        Access access = bed.refresher(new SplittableRandom(6)).currentAccess(agent);

        assertThat(access.accessToken()).isNotEqualTo(tokens.accessToken())
                .isEqualTo(bed.secret(CredentialNames.accessToken(agent)));
        assertThat(bed.secret(CredentialNames.refreshToken(agent))).isNotEqualTo(tokens.refreshToken());
        assertThat(bed.secret(CredentialNames.idToken(agent))).isNotEqualTo(tokens.idToken());
        Connection row = bed.row(agent);
        assertThat(row.version()).isEqualTo(versionBefore + 1);
        assertThat(row.refreshLeaseUntil()).isNull();
        assertThat(row.accessExpiresAt()).isEqualTo(access.expiresAt());
    }

    @Test
    void a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
        bed.fake.rotateRefreshTokens(false);
        TokenSet tokens = bed.signIn();
        long agent = bed.connect(bed.newAgent(), tokens, tokens.expiresAt(), Instant.now().minusSeconds(1));
        TokenRefresher refresher = bed.refresher(new SplittableRandom(7));

        Access access = refresher.currentAccess(agent);

        assertThat(access.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(bed.secret(CredentialNames.refreshToken(agent))).isEqualTo(tokens.refreshToken());
        assertThat(bed.fake.lastTokenRequest()).containsEntry("refresh_token", tokens.refreshToken());
    }

    /**
     * A real H2 database, vault and connection store in a temp dir, and the fake authorization server; as
     * {@code @RegisterExtension final Testbed bed = new Testbed();} each test gets its own, closed after it.
     */
    static final class Testbed implements AfterEachCallback, AutoCloseable {
        final FakeOpenAiAuth fake = new FakeOpenAiAuth();
        private Clock clock;
        private String url;
        private Database database;
        private Jdbi jdbi;
        private SecretStore secrets;
        private ConnectionStore store;
        private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
        private final ScratchDir dir = ScratchDir.create("agento-refresher");
        private int agents;

        /** Opens the store on {@code clock}; a test that does not call this gets the system clock at first use. */
        Testbed open(Clock clock) {
            this.clock = clock;
            this.url = "jdbc:h2:file:" + dir.path().resolve("db");
            this.database = Database.open(url, "sa", "");
            this.jdbi = database.jdbi();
            this.secrets = new SecretStore(jdbi, SecretVault.open(dir.path(), null, jdbi));
            this.store = new ConnectionStore(jdbi, secrets, clock);
            return this;
        }

        private Testbed opened() {
            return database != null ? this : open(Clock.systemUTC());
        }

        Clock clock() {
            return opened().clock;
        }

        String url() {
            return opened().url;
        }

        Jdbi jdbi() {
            return opened().jdbi;
        }

        SecretStore secrets() {
            return opened().secrets;
        }

        ConnectionStore store() {
            return opened().store;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            close();
        }

        OAuthClient client() {
            return new ScribeJavaOAuthClient(new OAuthSettings(fake.authorizeUrl(), fake.tokenUrl(), fake.revokeUrl(),
                    fake.clientId(), OAuthSettings.OPENAI_SCOPES, fake.redirectUri(), Map.of(), fake.issuer()),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), clock());
        }

        TokenRefresher refresher(RandomGenerator random) {
            return refresher(client(), random);
        }

        TokenRefresher refresher(OAuthClient oauth, RandomGenerator random) {
            TokenRefresher refresher = new TokenRefresher(jdbi(), secrets(), store(), oauth, clock(), random);
            closing.add(refresher);
            return refresher;
        }

        /** The sign-in flow against the fake: authorize, Allow, exchange the code. */
        TokenSet signIn() {
            OAuthClient client = client();
            AuthorizationRequest request = client.startAuthorization("state-" + System.nanoTime());
            String callback = fake.approve(request.url());
            String code = LoopbackServer.params(URI.create(callback).getRawQuery()).get("code");
            return client.exchangeCode(code, request.codeVerifier());
        }

        long newAgent() {
            int n = ++agents;
            Instant now = clock().instant();
            return jdbi().inTransaction(h -> {
                long user = h.createUpdate("INSERT INTO users (email, password_hash, role, created_at) "
                                + "VALUES (:email, 'x', 'user', :now)").bind("email", "owner" + n + "@example.test")
                        .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                return h.createUpdate("INSERT INTO agents (owner_id, name, name_key, created_at, updated_at) "
                                + "VALUES (:owner, :name, :name, :now, :now)").bind("owner", user)
                        .bind("name", "agent" + n).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            });
        }

        /** A new agent signed in with OpenAI whose token is good for another minute but due for refresh now. */
        long agentDueForRefresh() {
            return connectedAgent(Instant.now().plusSeconds(60), Instant.now().minusMillis(1));
        }

        /** The real client, recording its refresh calls. */
        Recording recordingClient() {
            return new Recording(client());
        }

        /** A new agent signed in with OpenAI, its row saying the token expires at expiresAt, due at dueAt. */
        long connectedAgent(Instant expiresAt, Instant dueAt) {
            return connect(newAgent(), signIn(), expiresAt, dueAt);
        }

        long connect(long agentId, TokenSet tokens, Instant expiresAt, Instant dueAt) {
            IdTokenClaims claims = IdTokenClaims.parse(tokens.idToken());
            Instant now = clock().instant();
            store().replace(new Connection(agentId, "openai", "oauth", "connected", null, claims.email(),
                            claims.accountId(), claims.planType(), null, expiresAt, now, dueAt, null, 0, 0, now, now),
                    Map.of(CredentialNames.accessToken(agentId), tokens.accessToken(),
                            CredentialNames.refreshToken(agentId), tokens.refreshToken(),
                            CredentialNames.idToken(agentId), tokens.idToken()),
                    null, "signed_in", "Signed in with OpenAI as " + claims.email() + ".");
            return agentId;
        }

        Connection row(long agentId) {
            return store().find(agentId).orElseThrow();
        }

        String secret(SecretRef ref) {
            return secrets().read(ref).orElseThrow();
        }

        void sql(String statement, Object... pairs) {
            jdbi().useHandle(h -> {
                var update = h.createUpdate(statement);
                for (int i = 0; i < pairs.length; i += 2) {
                    update.bind((String) pairs[i], pairs[i + 1]);
                }
                update.execute();
            });
        }

        /** The real client, recording when refresh was called and running a hook while the call is "in flight". */
        static final class Recording implements OAuthClient {
            final OAuthClient real;
            final List<Long> refreshCallsAtNanos = new CopyOnWriteArrayList<>();
            volatile Runnable beforeRefresh = () -> { };
            volatile Runnable duringRefresh = () -> { };

            @Override
            public OAuthSettings settings() {
                return real.settings();
            }

            Recording(OAuthClient real) {
                this.real = real;
            }

            @Override
            public AuthorizationRequest startAuthorization(String state) {
                return real.startAuthorization(state);
            }

            @Override
            public TokenSet exchangeCode(String code, String codeVerifier) {
                return real.exchangeCode(code, codeVerifier);
            }

            @Override
            public TokenSet refresh(String refreshToken) {
                refreshCallsAtNanos.add(System.nanoTime());
                beforeRefresh.run();
                TokenSet tokens = real.refresh(refreshToken);
                duringRefresh.run();
                return tokens;
            }

            @Override
            public void revoke(String refreshToken) {
                real.revoke(refreshToken);
            }

            @Override
            public OAuthClient withRedirectUri(String redirectUri) {
                return real.withRedirectUri(redirectUri);
            }
        }

        static void await(BooleanSupplier condition) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met within 5 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        @Override
        public void close() {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing what is left of a failed test
                }
            }
            fake.close();
            if (database != null) {
                database.close();
            }
            dir.close();
        }
    }
}
