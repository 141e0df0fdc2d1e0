package agento.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One schema migration, {@code V<version>__<words>.sql}: in {@code db/migration} when both databases run it, or in
 * {@code db/h2} and {@code db/postgresql} when each has its own. Its description and checksum are Flyway's, so the
 * history stays the one Flyway kept for Agento before {@link Migrations} (see there).
 */
record Migration(int version, String name, String sql) {
    /** The script {@code name} (without {@code .sql}) for {@code vendor} ({@code h2} or {@code postgresql}). */
    static Migration load(String name, String vendor) {
        int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
        for (String folder : new String[] {"db/migration/", "db/" + vendor + "/"}) {
            try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(folder + name + ".sql")) {
                if (in != null) {
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    // a byte order mark (an editor's) is no SQL: the databases would refuse the first statement
                    return new Migration(version, name, sql.startsWith("\uFEFF") ? sql.substring(1) : sql);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + name, e);
            }
        }
        throw new IllegalStateException("migration " + name + " is missing from db/migration and db/" + vendor);
    }

    /** The file name, as the history's {@code script} column holds it. */
    String script() {
        return name + ".sql";
    }

    /** The words after the version, as the history's {@code description} column holds them. */
    String description() {
        return name.substring(name.indexOf("__") + 2).replace('_', ' ');
    }

    /**
     * Flyway's checksum: CRC-32 over the UTF-8 bytes of each line without its line break (a byte order mark
     * dropped), so a script saved with other line endings keeps its checksum.
     */
    int checksum() {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(sql))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return (int) crc.getValue();
    }
}
