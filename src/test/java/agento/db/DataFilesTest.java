package agento.db;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hashes, e-mails and ciphertext are readable by the server's own user only, whatever the umask. */
class DataFilesTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAlice();

    @Test
    void the_data_folder_is_0700_its_files_0600_and_h2_keeps_no_trace_file() throws Exception {
        Path dir = fixture.app().dataDir();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo("rw-------");
            }
        }
        assertThat(dir.resolve("agento.mv.db")).exists();
        assertThat(dir.resolve("agento.trace.db")).doesNotExist();
    }
}
