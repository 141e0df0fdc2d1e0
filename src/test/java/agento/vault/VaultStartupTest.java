package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VaultStartupTest {
    private static final SecretRef REF = SecretRef.of("agent", 1, "openai_api_key");
    private static final String SECRET = "sk-proj-CANARY-startup-0001";

    @RegisterExtension
    final VaultFixture fixture = new VaultFixture();


    @Test
    void first_start_creates_the_keyset_and_the_canary() {
        SecretVault vault = fixture.openVault(null);

        assertThat(fixture.keysetPath()).exists();
        assertThat(vault.decrypt(fixture.canaryCiphertext(), VaultCanary.ASSOCIATED_DATA)).isEqualTo(VaultCanary.TEXT);
    }

    @Test
    void a_second_start_reuses_the_keyset_and_reads_earlier_secrets() {
        fixture.put(fixture.openStore(null), REF, SECRET);
        fixture.reopenDatabase();

        assertThat(fixture.openStore(null).read(REF)).contains(SECRET);
    }

    @Test
    void a_missing_keyset_with_a_canary_in_the_database_is_refused_without_creating_a_key() throws Exception {
        fixture.openVault(null);
        byte[] canary = fixture.canaryCiphertext();
        Files.delete(fixture.keysetPath());

        assertThatThrownBy(() -> fixture.openVault(null))
                .isInstanceOf(VaultStartupException.class)
                .hasMessage("Vault keyset " + fixture.keysetPath() + " is missing but the database holds encrypted"
                        + " secrets: restore the keyset file (and AGENTO_MASTER_KEY if you use one); refusing to create"
                        + " a new key.");
        assertThat(fixture.keysetPath()).doesNotExist();
        assertThat(fixture.canaryCiphertext()).isEqualTo(canary);
    }

    @Test
    void a_missing_keyset_with_secrets_but_no_canary_is_refused_and_the_secrets_are_kept() throws Exception {
        fixture.put(fixture.openStore(null), REF, SECRET);
        fixture.jdbi().useHandle(h -> h.execute("DELETE FROM vault_canary"));
        Files.delete(fixture.keysetPath());

        assertThatThrownBy(() -> fixture.openVault(null))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageContaining("is missing but the database holds encrypted secrets");
        assertThat(fixture.keysetPath()).doesNotExist();
        assertThat(fixture.count("secrets")).isEqualTo(1);
        assertThat(fixture.count("vault_canary")).isZero();
    }

    @Test
    void an_encrypted_keyset_without_a_master_key_is_refused_naming_the_variable() {
        fixture.openVault(VaultFixture.newMasterKey());

        assertThatThrownBy(() -> fixture.openVault(null))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageContaining("is encrypted but AGENTO_MASTER_KEY is not set");
    }

    @Test
    void a_wrong_master_key_is_refused() {
        fixture.openVault(VaultFixture.newMasterKey());
        String wrong = VaultFixture.newMasterKey();

        assertThatThrownBy(() -> fixture.openVault(wrong))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageStartingWith("AGENTO_MASTER_KEY does not open the vault keyset ")
                .hasMessageNotContaining(wrong);
    }

    @Test
    void a_master_key_that_is_not_base64_is_refused_without_echoing_it() {
        String bad = "not base64 at all!!";

        assertThatThrownBy(() -> fixture.openVault(bad))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageContaining("AGENTO_MASTER_KEY")
                .hasMessageContaining("openssl rand -base64 32")
                .hasMessageNotContaining(bad);
        assertThat(fixture.keysetPath()).doesNotExist();
    }

    @Test
    void a_master_key_of_the_wrong_length_is_refused_without_echoing_it() {
        String short16 = Base64.getEncoder().encodeToString("sixteen-bytes-ok".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> fixture.openVault(short16))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageContaining("AGENTO_MASTER_KEY must be base64 of exactly 32 bytes")
                .hasMessageNotContaining(short16);
    }

    @Test
    void a_keyset_from_another_installation_is_refused_because_the_canary_does_not_decrypt() throws Exception {
        fixture.openVault(null);
        try (VaultFixture other = new VaultFixture(fixture.dir.resolve("other"))) {
            other.openVault(null);
            Files.copy(other.keysetPath(), fixture.keysetPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        assertThatThrownBy(() -> fixture.openVault(null))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageStartingWith("The vault keyset does not match this database");
    }

    @Test
    void a_database_without_a_canary_gets_one_when_the_keyset_is_present() {
        SecretStore store = fixture.openStore(null);
        fixture.put(store, REF, SECRET);
        fixture.jdbi().useHandle(h -> h.execute("DELETE FROM vault_canary"));

        SecretVault vault = fixture.openVault(null);

        assertThat(vault.decrypt(fixture.canaryCiphertext(), VaultCanary.ASSOCIATED_DATA)).isEqualTo(VaultCanary.TEXT);
        assertThat(new SecretStore(fixture.jdbi(), vault).read(REF)).contains(SECRET);
    }

    @Test
    void a_database_without_a_canary_is_refused_when_the_keyset_reads_none_of_its_secrets() throws Exception {
        fixture.put(fixture.openStore(null), REF, SECRET);
        fixture.jdbi().useHandle(h -> h.execute("DELETE FROM vault_canary"));
        try (VaultFixture other = new VaultFixture(fixture.dir.resolve("other"))) {
            other.openVault(null);
            Files.copy(other.keysetPath(), fixture.keysetPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        assertThatThrownBy(() -> fixture.openVault(null))
                .isInstanceOf(VaultStartupException.class)
                .hasMessageContaining("does not match this database");
        assertThat(fixture.count("vault_canary")).isZero();
    }

    @Test
    void a_cleartext_keyset_is_encrypted_in_place_when_a_master_key_is_given() throws Exception {
        fixture.put(fixture.openStore(null), REF, SECRET);
        String masterKey = VaultFixture.newMasterKey();

        fixture.openVault(masterKey);

        assertThat(Files.readString(fixture.keysetPath())).contains("encryptedKeyset");
        assertThatThrownBy(() -> fixture.openVault(null)).hasMessageContaining("AGENTO_MASTER_KEY");
        assertThat(fixture.openStore(masterKey).read(REF)).contains(SECRET);
    }

    @Test
    void every_refusal_is_one_line() {
        fixture.openVault(VaultFixture.newMasterKey());

        assertThatThrownBy(() -> fixture.openVault(null)).message().doesNotContain("\n");
        assertThatThrownBy(() -> fixture.openVault(VaultFixture.newMasterKey())).message().doesNotContain("\n");
        assertThatThrownBy(() -> fixture.openVault("%%%")).message().doesNotContain("\n");
    }
}
