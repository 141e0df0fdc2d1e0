package agento.vault;

import agento.common.Json;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <dataDir>/vault/keyset.json}: the Tink keyset, readable by the owner only, always replaced
 * atomically, and encrypted with the master key when one is configured.
 */
final class KeysetFile {
    private static final Logger log = LoggerFactory.getLogger(KeysetFile.class);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    /** A keyset read from disk, and whether the file held it in cleartext. */
    record Loaded(KeysetHandle keyset, boolean cleartext) {}

    private final Path dir;
    private final Path file;
    private final Optional<MasterKey> masterKey;

    KeysetFile(Path dataDir, Optional<MasterKey> masterKey) {
        this.dir = dataDir.resolve("vault");
        this.file = dir.resolve("keyset.json");
        this.masterKey = masterKey;
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    boolean encryptsWithMasterKey() {
        return masterKey.isPresent();
    }

    Loaded load() {
        String json;
        tightenModes();
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VaultStartupException("Vault keyset " + file + " cannot be read: " + e.getMessage());
        }
        boolean encrypted = isEncrypted(json);
        try {
            if (!encrypted) {
                return new Loaded(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()), true);
            }
            if (masterKey.isEmpty()) {
                throw new VaultStartupException("Vault keyset " + file + " is encrypted but " + MasterKey.ENV_NAME
                        + " is not set: start with the master key that encrypted it.");
            }
            return new Loaded(masterKey.get().decrypt(json), false);
        } catch (GeneralSecurityException e) {
            throw encrypted
                    ? new VaultStartupException(MasterKey.ENV_NAME + " does not open the vault keyset " + file
                            + ": start with the master key that encrypted it.")
                    : new VaultStartupException("Vault keyset " + file + " is not a valid keyset file.");
        }
    }

    /** Writes a temp file next to the keyset, then renames it over: a crash leaves the old or the new file, never half of one. */
    void save(KeysetHandle keyset) {
        try {
            byte[] content = serialize(keyset).getBytes(StandardCharsets.UTF_8);
            ensurePrivateDir();
            Path temp = posix()
                    ? Files.createTempFile(dir, ".keyset-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, ".keyset-", ".tmp", new FileAttribute<?>[0]);
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(content));
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vault keyset " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize vault keyset", e);
        }
    }

    private String serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return masterKey.isPresent()
                ? masterKey.get().encrypt(keyset)
                : TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    private void ensurePrivateDir() throws IOException {
        Files.createDirectories(dir.getParent());
        if (posix()) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            }
            // umask may have widened the mode, or an older install created it looser
            Files.setPosixFilePermissions(dir, DIR_MODE);
        } else {
            Files.createDirectories(dir);
        }
    }

    // a keyset restored from a backup may come back with looser modes; best effort, reading still works
    private void tightenModes() {
        try {
            ensurePrivateDir();
            if (posix()) {
                Files.setPosixFilePermissions(file, FILE_MODE);
            }
        } catch (IOException e) {
            log.warn("Cannot restrict the permissions of vault keyset {}: {}", file, e.toString());
        }
    }

    private boolean isEncrypted(String json) {
        try {
            return Json.mapper().readTree(json).has("encryptedKeyset");
        } catch (IOException e) {
            throw new VaultStartupException("Vault keyset " + file + " is not valid JSON.");
        }
    }

    private boolean posix() {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
