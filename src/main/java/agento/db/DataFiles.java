package agento.db;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds password hashes, e-mails and ciphertext: whatever the umask, the folder is 0700 and its
 * files 0600 (on file systems that have POSIX permissions).
 */
public final class DataFiles {
    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {}

    /** Restricts {@code dir} and the files directly in it to their owner. */
    public static void restrict(Path dir) {
        try {
            if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return;
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                for (Path file : files) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("could not restrict the permissions of {}: {}", dir, e.getMessage());
        }
    }
}
