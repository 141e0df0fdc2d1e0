package agento.connectors.guard;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SSRF guard of every connector call (SECURITY.md, "Outbound HTTP from connectors"): http(s) only, no user
 * info, no odd spellings of IP addresses, and every address the name resolves to must be public, unless the
 * administrator's allowlist names the host. The caller connects to the address returned, never resolving again.
 */
public final class ConnectorGuard {
    /** Looks a host name up; tests pass their own to stay off the network. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A checked destination: the URI and the address to connect to. */
    public record Target(URI uri, InetAddress address) {}

    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private final HostAllowlist allowlist;
    private final Resolver resolver;

    public ConnectorGuard(HostAllowlist allowlist, Resolver resolver) {
        this.allowlist = allowlist;
        this.resolver = resolver;
    }

    /** A guard resolving with the system's resolver. */
    public ConnectorGuard(HostAllowlist allowlist) {
        this(allowlist, InetAddress::getAllByName);
    }

    /**
     * Checks {@code uri} and resolves its host once.
     *
     * @throws BlockedAddressException when the address may not be called (nothing was sent)
     * @throws UnknownHostException    when the name does not resolve
     */
    public Target check(URI uri) throws BlockedAddressException, UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedAddressException("only http and https addresses can be called");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new BlockedAddressException("the address holds a user name (user@host); use Basic Auth instead");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || host.isEmpty()) {
            throw new BlockedAddressException("\"" + uri.getRawAuthority() + "\" is not a plain host name or IP address");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowlist.allows(host, port)) {
            return new Target(uri, resolver.resolve(bare(host))[0]);
        }
        refuseOddSpellings(host);
        InetAddress[] addresses = host.startsWith("[") ? new InetAddress[] {literal(host)} : resolver.resolve(host);
        for (InetAddress address : addresses) {
            String why = AddressRules.whyBlocked(address);
            if (why != null) {
                throw new BlockedAddressException(host + " is " + (host.equals(address.getHostAddress()) ? ""
                        : "at " + address.getHostAddress() + ", ") + why);
            }
        }
        return new Target(uri, addresses[0]);
    }

    private static void refuseOddSpellings(String host) throws BlockedAddressException {
        if (host.endsWith(".")) {
            throw new BlockedAddressException(host + " ends with a dot");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw new BlockedAddressException(host + " is this machine (loopback)");
        }
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            throw new BlockedAddressException(host + " is an unusual spelling of an IP address (write it as a.b.c.d)");
        }
        if (host.contains("%")) {
            throw new BlockedAddressException(host + " names a network interface");
        }
    }

    /** An IPv6 literal; one that Java turns into IPv4 was IPv4-mapped ({@code ::ffff:a.b.c.d}). */
    private static InetAddress literal(String host) throws BlockedAddressException, UnknownHostException {
        InetAddress address = InetAddress.getByName(bare(host));
        if (address instanceof java.net.Inet4Address) {
            throw new BlockedAddressException(host + " is an IPv4-mapped IPv6 address");
        }
        return address;
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
