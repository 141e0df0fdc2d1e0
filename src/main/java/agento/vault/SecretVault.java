package agento.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** AES-256-GCM (Tink AEAD) over the keyset in {@code <dataDir>/vault/keyset.json}; the only holder of key material. */
public final class SecretVault {
    private static final Logger log = LoggerFactory.getLogger(SecretVault.class);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle keyset;
    private final Aead aead;

    SecretVault(KeysetHandle keyset) {
        try {
            this.keyset = keyset;
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new VaultStartupException("The vault keyset holds no usable AES-GCM key.");
        }
    }

    /**
     * Loads the keyset (creating it on a first start against an empty database) and checks it against the
     * database's canary.
     *
     * @param masterKeyOrNull {@code AGENTO_MASTER_KEY}, base64 of 32 random bytes ({@code openssl rand -base64 32});
     *     when set, the keyset file is kept encrypted with it
     * @throws VaultStartupException with one line telling the operator what to fix
     */
    public static SecretVault open(Path dataDir, String masterKeyOrNull, Jdbi jdbi) {
        KeysetFile file = new KeysetFile(dataDir, MasterKey.parse(masterKeyOrNull));
        if (!file.exists()) {
            return firstStart(file, jdbi);
        }
        KeysetFile.Loaded loaded = file.load();
        SecretVault vault = new SecretVault(loaded.keyset());
        VaultCanary.verifyOrCreate(jdbi, vault, file.path());
        if (loaded.cleartext() && file.encryptsWithMasterKey()) {
            file.save(loaded.keyset());
            log.info("Vault keyset {} is now encrypted with {}", file.path(), MasterKey.ENV_NAME);
        }
        return vault;
    }

    private static SecretVault firstStart(KeysetFile file, Jdbi jdbi) {
        if (VaultCanary.databaseHoldsCiphertext(jdbi)) {
            throw new VaultStartupException("Vault keyset " + file.path() + " is missing but the database holds"
                    + " encrypted secrets: restore the keyset file (and " + MasterKey.ENV_NAME
                    + " if you use one); refusing to create a new key.");
        }
        SecretVault vault;
        try {
            vault = new SecretVault(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the vault key", e);
        }
        // keyset before canary: a crash in between leaves a keyset whose canary the next start writes
        file.save(vault.keyset);
        VaultCanary.create(jdbi, vault);
        log.info("Created vault keyset {} (encrypted with {}: {})", file.path(), MasterKey.ENV_NAME,
                file.encryptsWithMasterKey() ? "yes" : "no");
        return vault;
    }

    /** Encrypts under the primary key with a fresh nonce; {@code associatedData} must be given again to decrypt. */
    public byte[] encrypt(String plaintext, String associatedData) {
        try {
            return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret could not be encrypted");
        }
    }

    /**
     * Decrypts with whichever key of the keyset made the ciphertext.
     *
     * @throws SecretUnreadableException when the ciphertext was tampered with, moved, or made by another key
     */
    public String decrypt(byte[] ciphertext, String associatedData) {
        if (ciphertext == null) {
            throw new SecretUnreadableException();
        }
        try {
            return new String(aead.decrypt(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException();
        }
    }

    /** The id of the key new ciphertexts are made with; stored next to each ciphertext as {@code key_id}. */
    public long primaryKeyId() {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    KeysetHandle keyset() {
        return keyset;
    }
}
