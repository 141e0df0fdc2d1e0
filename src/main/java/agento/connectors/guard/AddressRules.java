package agento.connectors.guard;

import java.net.InetAddress;
import java.util.List;

/** The address ranges a connector may never reach on its own: loopback, private, link-local and other non-public ones. */
final class AddressRules {
    private record Range(byte[] prefix, int bits, String what) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0/8", "a \"this network\" address (0.0.0.0/8)"),
            range("10.0.0.0/8", "a private address"),
            range("100.64.0.0/10", "a carrier-grade NAT address (100.64.0.0/10)"),
            range("127.0.0.0/8", "a loopback address"),
            range("169.254.0.0/16", "a link-local address (cloud metadata lives at 169.254.169.254)"),
            range("172.16.0.0/12", "a private address"),
            range("192.0.0.0/24", "an IETF protocol address"),
            range("192.0.2.0/24", "a documentation address"),
            range("192.88.99.0/24", "a 6to4 relay address"),
            range("192.168.0.0/16", "a private address"),
            range("198.18.0.0/15", "a benchmarking address"),
            range("198.51.100.0/24", "a documentation address"),
            range("203.0.113.0/24", "a documentation address"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved or broadcast address"),
            range("::/128", "the unspecified IPv6 address"),
            range("::1/128", "the IPv6 loopback address"),
            range("::ffff:0:0/96", "an IPv4-mapped IPv6 address"),
            range("::/96", "an IPv4-compatible IPv6 address"),
            range("64:ff9b::/96", "a NAT64 address"),
            range("64:ff9b:1::/48", "a NAT64 address"),
            range("100::/64", "a discard-only IPv6 address"),
            range("2001::/23", "an IETF protocol IPv6 address (Teredo and others)"),
            range("2001:db8::/32", "a documentation IPv6 address"),
            range("2002::/16", "a 6to4 IPv6 address"),
            range("fc00::/7", "a unique-local IPv6 address"),
            range("fe80::/10", "a link-local IPv6 address"),
            range("fec0::/10", "a site-local IPv6 address"),
            range("ff00::/8", "a multicast IPv6 address"));

    private AddressRules() {}

    /** Why {@code address} is refused, or null when it is a public address. */
    static String whyBlocked(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range range : RANGES) {
            if (range.contains(bytes)) {
                return range.what();
            }
        }
        return null;
    }

    private static Range range(String cidr, String what) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: getByName never looks a literal up; an IPv4-mapped literal comes back as IPv4, so build it
            byte[] prefix = cidr.startsWith("::ffff:0:0")
                    ? new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}
                    : InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), what);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }
}
