package agento.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The optional {@code AGENTO_MASTER_KEY}: base64 of 32 random bytes (make one with
 * {@code openssl rand -base64 32}) that encrypts the keyset file at rest.
 */
final class MasterKey {
    static final String ENV_NAME = "AGENTO_MASTER_KEY";
    private static final byte[] KEYSET_ASSOCIATED_DATA = "agento-keyset".getBytes(StandardCharsets.UTF_8);
    private static final String HOW_TO_MAKE = "make one with `openssl rand -base64 32`";

    private final Aead aead;

    private MasterKey(Aead aead) {
        this.aead = aead;
    }

    /** Empty when no master key is configured; refuses a malformed one without echoing it. */
    static Optional<MasterKey> parse(String valueOrNull) {
        if (valueOrNull == null || valueOrNull.isBlank()) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(valueOrNull.strip());
        } catch (IllegalArgumentException e) {
            throw new VaultStartupException(ENV_NAME + " is not valid base64: " + HOW_TO_MAKE + ".");
        }
        try {
            if (raw.length != 32) {
                throw new VaultStartupException(ENV_NAME + " must be base64 of exactly 32 bytes: " + HOW_TO_MAKE + ".");
            }
            return Optional.of(new MasterKey(new AesGcmJce(raw)));
        } catch (GeneralSecurityException e) {
            throw new VaultStartupException(ENV_NAME + " cannot be used as an AES-256 key: " + HOW_TO_MAKE + ".");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    String encrypt(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, aead, KEYSET_ASSOCIATED_DATA);
    }

    KeysetHandle decrypt(String encryptedJson) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(encryptedJson, aead, KEYSET_ASSOCIATED_DATA);
    }
}
