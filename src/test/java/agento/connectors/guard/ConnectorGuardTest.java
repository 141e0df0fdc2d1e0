package agento.connectors.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import agento.common.OutboundHttp;
import agento.common.PinnedRequest;
import agento.fakes.FakeRemoteApi;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SECURITY.md "Outbound HTTP from connectors": what the guard refuses, and that nothing reaches the fake then. */
class ConnectorGuardTest {
    private static FakeRemoteApi fake;
    private static FakeRemoteApi other;
    private static final OutboundHttp HTTP = new OutboundHttp(Duration.ofSeconds(5));

    /** Names resolved without the network: what a hostile DNS might answer. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "rebind.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            case "metadata.test" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            case "mixed.test" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("10.0.0.5")};
            case "intranet.test" -> new InetAddress[] {InetAddress.getByName("192.168.10.20")};
            case "public.test" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            default -> {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    yield new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
                }
                throw new UnknownHostException(host);
            }
        };
    }

    @BeforeAll
    static void start() {
        fake = new FakeRemoteApi().acceptKey("k-123456");
        other = new FakeRemoteApi();
    }

    @AfterAll
    static void stop() {
        fake.close();
        other.close();
    }

    private static GuardedHttp guarded(HostAllowlist allowlist, Duration total) {
        return new GuardedHttp(new ConnectorGuard(allowlist, ConnectorGuardTest::resolve), HTTP, total);
    }

    private static PinnedRequest get(String url, Map<String, String> headers) {
        return new PinnedRequest("GET", URI.create(url), new ArrayList<>(headers.entrySet()), null);
    }

    @Test
    void every_local_or_odd_address_is_blocked_without_the_allowlist_and_the_fake_sees_nothing() {
        GuardedHttp http = guarded(HostAllowlist.none(), Duration.ofSeconds(5));
        List<String> forms = AddressForms.blocked(fake.port());
        for (String form : forms) {
            assertThatThrownBy(() -> http.send(get(form, Map.of("Authorization", "Bearer k-123456")), Set.of()))
                    .as(form).isInstanceOf(BlockedAddressException.class)
                    .hasMessageStartingWith("Blocked: ").hasMessageContaining("AGENTO_CONNECTOR_ALLOWED_HOSTS");
        }
        assertThat(forms).hasSizeGreaterThanOrEqualTo(40);
        assertThat(fake.requestCount()).isZero();
        System.out.println("GUARD: " + forms.size() + " address forms blocked, fake saw " + fake.requestCount());
    }

    @Test
    void a_public_name_passes_and_is_pinned_to_the_address_that_was_checked() throws Exception {
        ConnectorGuard guard = new ConnectorGuard(HostAllowlist.none(), ConnectorGuardTest::resolve);
        assertThat(guard.check(URI.create("https://public.test/v1")).address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.test/"))).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void the_allowlist_lets_a_call_reach_the_fake_on_its_exact_host_and_port_only() throws Exception {
        GuardedHttp http = guarded(HostAllowlist.parse(" 127.0.0.1:" + fake.port() + " , intranet.test"),
                Duration.ofSeconds(5));
        var exchange = http.send(get(fake.origin() + "/v1/models", Map.of("Authorization", "Bearer k-123456")), Set.of());
        assertThat(exchange.answer().status()).isEqualTo(200);
        assertThat(exchange.answer().body()).contains("gpt-5.2");
        assertThatThrownBy(() -> http.send(get(other.origin() + "/echo", Map.of()), Set.of()))
                .isInstanceOf(BlockedAddressException.class);
        assertThat(other.requestCount()).isZero();
        assertThat(new ConnectorGuard(HostAllowlist.parse("intranet.test"), ConnectorGuardTest::resolve)
                .check(URI.create("http://intranet.test:8080/")).address().getHostAddress()).isEqualTo("192.168.10.20");
    }

    @Test
    void a_redirect_to_127_0_0_1_is_blocked_and_its_target_sees_nothing() {
        GuardedHttp http = guarded(HostAllowlist.parse("127.0.0.1:" + fake.port()), Duration.ofSeconds(5));
        String to = "http://127.0.0.1:" + other.port() + "/echo";
        assertThatThrownBy(() -> http.send(get(fake.origin() + "/redirect?to=" + to, Map.of()), Set.of()))
                .isInstanceOf(BlockedAddressException.class).hasMessageContaining("redirected to 127.0.0.1")
                .hasMessageContaining("loopback");
        assertThat(other.requestCount()).isZero();
    }

    @Test
    void credentials_follow_a_redirect_on_the_same_origin_but_never_to_another_host() throws Exception {
        GuardedHttp http = guarded(HostAllowlist.parse("127.0.0.1"), Duration.ofSeconds(5));
        Map<String, String> headers = Map.of("Authorization", "Bearer k-123456", "X-Api-Key", "k-123456", "X-Other", "1");
        var same = http.send(get(fake.origin() + "/redirect?to=/echo/same", headers), Set.of("X-Api-Key"));
        assertThat(same.redirects()).isEqualTo(1);
        assertThat(fake.lastHeader("Authorization")).isEqualTo("Bearer k-123456");
        var cross = http.send(get(fake.origin() + "/redirect?to=" + other.origin() + "/echo/cross", headers),
                Set.of("X-Api-Key"));
        assertThat(cross.answer().status()).isEqualTo(200);
        assertThat(cross.finalUri().getPort()).isEqualTo(other.port());
        assertThat(other.lastHeader("Authorization")).isNull();
        assertThat(other.lastHeader("X-Api-Key")).isNull();
        assertThat(other.lastHeader("X-Other")).isEqualTo("1");
    }

    @Test
    void a_hanging_api_times_out_and_a_large_body_is_read_up_to_5_mb() throws Exception {
        GuardedHttp http = guarded(HostAllowlist.parse("127.0.0.1:" + fake.port()), Duration.ofMillis(700));
        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send(get(fake.origin() + "/hang", Map.of()), Set.of()))
                .isInstanceOf(OutboundHttp.Failure.class).hasMessage("timed out");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3000);
        var large = guarded(HostAllowlist.parse("127.0.0.1:" + fake.port()), Duration.ofSeconds(20))
                .send(get(fake.origin() + "/large?mb=7", Map.of()), Set.of());
        assertThat(large.answer().truncated()).isTrue();
        assertThat(large.answer().body().length()).isEqualTo(GuardedHttp.MAX_BODY);
    }

    @Test
    void a_header_value_with_cr_lf_is_refused_before_anything_is_sent() {
        int before = fake.requestCount();
        GuardedHttp http = guarded(HostAllowlist.parse("127.0.0.1:" + fake.port()), Duration.ofSeconds(5));
        assertThatThrownBy(() -> http.send(get(fake.origin() + "/echo", Map.of("X-Evil", "a\r\nHost: evil")), Set.of()))
                .isInstanceOf(OutboundHttp.Failure.class).hasMessageStartingWith("refused");
        assertThat(fake.requestCount()).isEqualTo(before);
    }

    @Test
    void the_allowlist_accepts_hosts_and_host_ports_and_refuses_anything_else() {
        HostAllowlist list = HostAllowlist.parse("Intranet.Example, 10.0.0.5:8080,[::1]:9000,");
        assertThat(list.allows("intranet.example", 443)).isTrue();
        assertThat(list.allows("10.0.0.5", 8080)).isTrue();
        assertThat(list.allows("10.0.0.5", 8081)).isFalse();
        assertThat(list.allows("[::1]", 9000)).isTrue();
        for (String bad : List.of("http://x", "a b", "host:0", "host:70000", "user@host", "*.example")) {
            assertThatThrownBy(() -> HostAllowlist.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
