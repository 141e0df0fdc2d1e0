package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretStoreTest {
    private static final SecretRef ALICE_KEY = SecretRef.of("agent", 1, "openai_api_key");
    private static final SecretRef BOB_KEY = SecretRef.of("agent", 2, "openai_api_key");
    private static final SecretRef ALICE_TOKEN = SecretRef.of("agent", 1, "telegram_token");

    @RegisterExtension
    final VaultFixture fixture = new VaultFixture();
    private final SecretStore store = fixture.openStore(null);

    @Test
    void a_stored_secret_reads_back() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");

        assertThat(store.read(ALICE_KEY)).contains("sk-proj-CANARY-alice");
        fixture.jdbi().useHandle(h -> assertThat(store.read(h, ALICE_KEY)).contains("sk-proj-CANARY-alice"));
    }

    @Test
    void a_secret_never_stored_reads_as_empty_and_does_not_exist() {
        assertThat(store.read(ALICE_KEY)).isEmpty();
        assertThat(store.exists(ALICE_KEY)).isFalse();
    }

    @Test
    void putting_again_replaces_the_secret_in_the_same_row_and_clears_the_unreadable_flag() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-old");
        fixture.jdbi().useHandle(h -> h.execute("UPDATE secrets SET unreadable = TRUE"));

        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-new");

        assertThat(fixture.count("secrets")).isEqualTo(1);
        assertThat(fixture.isFlaggedUnreadable(ALICE_KEY)).isFalse();
        assertThat(store.read(ALICE_KEY)).contains("sk-proj-CANARY-new");
    }

    @Test
    void the_key_id_column_names_the_primary_key_that_encrypted_the_row() {
        SecretVault vault = fixture.openVault(null);
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");

        assertThat(fixture.keyIdColumnOf(ALICE_KEY))
                .isEqualTo(vault.primaryKeyId())
                .isEqualTo(VaultFixture.keyIdInside(fixture.ciphertextOf(ALICE_KEY)));
    }

    @Test
    void a_put_rolls_back_with_the_callers_transaction() {
        assertThatThrownBy(() -> fixture.jdbi().useTransaction(h -> {
            store.put(h, ALICE_KEY, "sk-proj-CANARY-alice");
            throw new IllegalStateException("caller failed");
        })).hasMessage("caller failed");

        assertThat(store.exists(ALICE_KEY)).isFalse();
    }

    @Test
    void a_ciphertext_copied_to_another_row_fails_to_decrypt() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.put(store, BOB_KEY, "sk-proj-CANARY-bob");
        fixture.jdbi().useHandle(h -> h.createUpdate("UPDATE secrets SET ciphertext = :ct WHERE owner_id = '2'")
                .bind("ct", fixture.ciphertextOf(ALICE_KEY)).execute());

        assertThatThrownBy(() -> store.read(BOB_KEY))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("agent/2/openai_api_key could not be decrypted")
                .hasMessageNotContaining("CANARY");
    }

    @Test
    void a_secret_that_fails_to_decrypt_is_flagged_and_the_others_still_read() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.put(store, ALICE_TOKEN, "123:CANARY-token");
        fixture.jdbi().useHandle(h -> h.execute(
                "UPDATE secrets SET ciphertext = X'0102030405060708' WHERE name = 'openai_api_key'"));

        assertThatThrownBy(() -> store.read(ALICE_KEY)).isInstanceOf(SecretUnreadableException.class);

        assertThat(fixture.isFlaggedUnreadable(ALICE_KEY)).isTrue();
        assertThat(fixture.isFlaggedUnreadable(ALICE_TOKEN)).isFalse();
        assertThat(store.read(ALICE_TOKEN)).contains("123:CANARY-token");
    }

    @Test
    void the_unreadable_flag_sticks_when_the_callers_transaction_rolls_back() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.jdbi().useHandle(h -> h.execute("UPDATE secrets SET ciphertext = X'00'"));

        assertThatThrownBy(() -> fixture.jdbi().useTransaction(h -> store.read(h, ALICE_KEY)))
                .isInstanceOf(SecretUnreadableException.class);

        assertThat(fixture.isFlaggedUnreadable(ALICE_KEY)).isTrue();
    }

    @Test
    void exists_is_true_once_a_secret_is_stored() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");

        assertThat(store.exists(ALICE_KEY)).isTrue();
        assertThat(store.exists(BOB_KEY)).isFalse();
    }

    @Test
    void delete_removes_only_that_secret() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.put(store, ALICE_TOKEN, "123:CANARY-token");

        fixture.jdbi().useTransaction(h -> store.delete(h, ALICE_KEY));

        assertThat(store.exists(ALICE_KEY)).isFalse();
        assertThat(store.exists(ALICE_TOKEN)).isTrue();
    }

    @Test
    void delete_all_owned_by_removes_every_secret_of_that_owner_only() {
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.put(store, ALICE_TOKEN, "123:CANARY-token");
        fixture.put(store, BOB_KEY, "sk-proj-CANARY-bob");

        fixture.jdbi().useTransaction(h -> store.deleteAllOwnedBy(h, "agent", "1"));

        assertThat(store.exists(ALICE_KEY)).isFalse();
        assertThat(store.exists(ALICE_TOKEN)).isFalse();
        assertThat(store.read(BOB_KEY)).contains("sk-proj-CANARY-bob");
    }

    @Test
    void the_database_files_hold_no_plaintext_secret() throws Exception {
        String secret = "sk-proj-CANARY-never-on-disk-7f3a9";
        fixture.put(store, ALICE_KEY, secret);
        fixture.put(store, ALICE_KEY, secret + "-v2");
        fixture.put(store, BOB_KEY, secret);
        fixture.put(store, ALICE_TOKEN, secret);
        assertThat(store.read(ALICE_KEY)).contains(secret + "-v2");
        fixture.close();

        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixture.dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        for (Path file : files) {
            assertThat(indexOf(Files.readAllBytes(file), needle)).as("plaintext in %s", file).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
