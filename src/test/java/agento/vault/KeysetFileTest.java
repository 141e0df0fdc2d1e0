package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeysetFileTest {
    @RegisterExtension
    final VaultFixture fixture = new VaultFixture();


    private void assertOwnerOnlyDirectoryAndFile() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.keysetPath().getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.keysetPath())))
                .isEqualTo("rw-------");
    }

    @Test
    void the_keyset_lives_in_an_owner_only_directory_and_file() throws Exception {
        fixture.openVault(null);

        assertOwnerOnlyDirectoryAndFile();
    }

    @Test
    void a_keyset_restored_with_loose_modes_is_tightened_on_start() throws Exception {
        fixture.openVault(null);
        Files.setPosixFilePermissions(fixture.keysetPath().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(fixture.keysetPath(), PosixFilePermissions.fromString("rw-r--r--"));

        fixture.openVault(null);

        assertOwnerOnlyDirectoryAndFile();
    }

    @Test
    void without_a_master_key_the_keyset_is_cleartext_json() throws Exception {
        fixture.openVault(null);

        assertThat(Files.readString(fixture.keysetPath())).contains("\"primaryKeyId\"").doesNotContain("encryptedKeyset");
    }

    @Test
    void with_a_master_key_the_keyset_is_stored_encrypted() throws Exception {
        fixture.openVault(VaultFixture.newMasterKey());

        assertThat(Files.readString(fixture.keysetPath())).contains("encryptedKeyset").doesNotContain("\"keyData\"");
    }

    @Test
    void rewriting_the_keyset_replaces_the_file_by_rename_and_leaves_no_temp_file() throws Exception {
        fixture.openVault(null);
        Object before = Files.readAttributes(fixture.keysetPath(), BasicFileAttributes.class).fileKey();

        fixture.openVault(VaultFixture.newMasterKey());

        Object after = Files.readAttributes(fixture.keysetPath(), BasicFileAttributes.class).fileKey();
        assertThat(after).isNotNull().isNotEqualTo(before);
        try (var files = Files.list(fixture.keysetPath().getParent())) {
            assertThat(files).containsExactly(fixture.keysetPath());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.keysetPath())))
                .isEqualTo("rw-------");
    }
}
