package agento.connectors.guard;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The administrator's exceptions to the guard ({@code AGENTO_CONNECTOR_ALLOWED_HOSTS}): {@code host} allows every
 * port of that host, {@code host:port} one port; names match exactly (case aside), IPv6 in brackets.
 */
public final class HostAllowlist {
    public static final String VARIABLE = "AGENTO_CONNECTOR_ALLOWED_HOSTS";
    private static final Pattern ENTRY = Pattern.compile("(\\[[0-9a-f:.]+]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\\d{1,5})?");

    private final Set<String> entries;

    private HostAllowlist(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    public static HostAllowlist none() {
        return new HostAllowlist(Set.of());
    }

    /** Parses a comma-separated list; {@link IllegalArgumentException} says which entry is wrong. */
    public static HostAllowlist parse(String raw) {
        Set<String> entries = new LinkedHashSet<>();
        if (raw != null) {
            for (String part : raw.split(",")) {
                String entry = part.strip().toLowerCase(Locale.ROOT);
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.lastIndexOf(':');
                boolean hasPort = colon > entry.lastIndexOf(']');
                if (!ENTRY.matcher(entry).matches()
                        || hasPort && !validPort(entry.substring(colon + 1))) {
                    throw new IllegalArgumentException("must be a comma-separated list of host or host:port "
                            + "(for example intranet.example,10.0.0.5:8080), got \"" + part.strip() + "\"");
                }
                entries.add(entry);
            }
        }
        return new HostAllowlist(entries);
    }

    private static boolean validPort(String port) {
        int n = Integer.parseInt(port);
        return n >= 1 && n <= 65535;
    }

    /** True when {@code host} (as in a URI, IPv6 in brackets) or {@code host:port} is listed. */
    public boolean allows(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return entries.contains(name) || entries.contains(name + ":" + port);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
