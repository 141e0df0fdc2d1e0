package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretVaultTest {
    private static final String SECRET = "sk-proj-CANARY-vault-test-0001";
    private static final String AD = "secrets|agent|1|openai_api_key";

    @RegisterExtension
    final VaultFixture fixture = new VaultFixture();
    private final SecretVault vault = fixture.openVault(null);

    @Test
    void a_secret_decrypts_with_the_associated_data_it_was_encrypted_with() {
        assertThat(vault.decrypt(vault.encrypt(SECRET, AD), AD)).isEqualTo(SECRET);
    }

    @Test
    void two_encryptions_of_the_same_text_differ_because_each_gets_a_fresh_nonce() {
        assertThat(vault.encrypt(SECRET, AD)).isNotEqualTo(vault.encrypt(SECRET, AD));
    }

    @Test
    void decrypting_with_other_associated_data_fails_as_unreadable() {
        byte[] ciphertext = vault.encrypt(SECRET, AD);

        assertThatThrownBy(() -> vault.decrypt(ciphertext, "secrets|agent|2|openai_api_key"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void a_tampered_ciphertext_fails_with_a_clear_message_that_holds_no_secret() {
        byte[] ciphertext = vault.encrypt(SECRET, AD);
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> vault.decrypt(ciphertext, AD))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessage("secret could not be decrypted (tampered, moved, or encrypted with another key)")
                .hasNoCause();
    }

    @Test
    void a_missing_ciphertext_fails_as_unreadable() {
        assertThatThrownBy(() -> vault.decrypt(null, AD)).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void a_ciphertext_carries_the_primary_key_id() {
        assertThat(VaultFixture.keyIdInside(vault.encrypt(SECRET, AD))).isEqualTo(vault.primaryKeyId());
    }

    @Test
    void the_ciphertext_does_not_contain_the_plaintext() {
        assertThat(new String(vault.encrypt(SECRET, AD), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(SECRET);
    }

    @Test
    void new_keys_are_tinks_aes256_gcm_with_the_key_id_before_each_ciphertext() {
        assertThat(SecretVault.AES256_GCM).isEqualTo(PredefinedAeadParameters.AES256_GCM);
        // Tink's prefix (a version byte and the 4-byte key id), a 12-byte nonce, the text, a 16-byte tag
        assertThat(vault.encrypt(SECRET, AD)).hasSize(5 + 12 + SECRET.length() + 16).startsWith((byte) 1);
    }
}
