package agento.db;

import java.util.Locale;
import java.util.Set;

/** What a JDBC URL says about who else may use the database. */
public final class DatabaseUrl {
    /** The words H2 reads as false in a boolean setting; any other value is true. */
    private static final Set<String> H2_FALSE = Set.of("0", "F", "N", "NO", "FALSE");

    private DatabaseUrl() {}

    /**
     * Whether a server on {@code url} is the only one on its database: H2 embedded in this process (a file or an
     * in-memory database), whose file no other process can open while it is open. H2 through a TCP server, with an
     * automatic server ({@code AUTO_SERVER}) or without its file lock ({@code FILE_LOCK=NO}), any other H2 URL, and
     * PostgreSQL may be shared. (Agento runs one server per process; two in one process on one H2 file, as a test
     * does, would each count as the only one.)
     */
    public static boolean onlyServer(String url) {
        if (!url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return false;
        }
        String[] parts = url.substring(8).split(";");
        String location = parts[0].toLowerCase(Locale.ROOT);
        boolean embedded = location.startsWith("file:") || location.startsWith("mem:") || location.startsWith("/")
                || location.startsWith("./") || location.startsWith("../") || location.startsWith("~");
        for (int i = 1; i < parts.length && embedded; i++) {
            String[] setting = parts[i].split("=", 2);
            String name = setting[0].toUpperCase(Locale.ROOT);
            String value = setting.length > 1 ? setting[1].toUpperCase(Locale.ROOT) : "";
            embedded = !(name.equals("AUTO_SERVER") && !H2_FALSE.contains(value))
                    && !(name.equals("FILE_LOCK") && value.equals("NO"));
        }
        return embedded;
    }
}
