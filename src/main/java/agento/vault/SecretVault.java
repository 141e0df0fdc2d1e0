package agento.vault;

import agento.db.Jdbc;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadWrapper;
import com.google.crypto.tink.aead.AesGcmKeyManager;
import com.google.crypto.tink.aead.AesGcmParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** AES-256-GCM (Tink AEAD) over the keyset in {@code <dataDir>/vault/keyset.json}; the only holder of key material. */
public final class SecretVault {
    private static final Logger log = LoggerFactory.getLogger(SecretVault.class);

    /** Tink's AES256_GCM: a 32-byte key, 12-byte nonces, 16-byte tags, the key id before each ciphertext. */
    static final AesGcmParameters AES256_GCM;

    static {
        try {
            // only the key type the vault uses: all of AeadConfig loads some 400 classes more at start-up
            AeadWrapper.register();
            AesGcmKeyManager.register(true);
            AES256_GCM = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.TINK).build();
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
     * database's canary: {@link #load} and then {@link Loaded#checkAgainst}.
     *
     * @param masterKeyOrNull {@code AGENTO_MASTER_KEY}, base64 of 32 random bytes ({@code openssl rand -base64 32});
     *     when set, the keyset file is kept encrypted with it
     * @throws VaultStartupException with one line telling the operator what to fix
     */
    public static SecretVault open(Path dataDir, String masterKeyOrNull, Jdbi jdbi) {
        Loaded loaded = load(dataDir, masterKeyOrNull);
        return jdbi.withHandle(h -> loaded.checkAgainst(h.getConnection()));
    }

    /**
     * Reads the keyset file, or makes a new key in memory when there is none; touches no database and writes no
     * file, so it can run while the schema migrates. Nothing may encrypt or decrypt with the vault before
     * {@link Loaded#checkAgainst} has accepted it.
     */
    public static Loaded load(Path dataDir, String masterKeyOrNull) {
        KeysetFile file = new KeysetFile(dataDir, MasterKey.parse(masterKeyOrNull));
        if (!file.exists()) {
            try {
                return new Loaded(new SecretVault(KeysetHandle.generateNew(AES256_GCM)), file, true, false);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate the vault key", e);
            }
        }
        KeysetFile.Loaded loaded = file.load();
        return new Loaded(new SecretVault(loaded.keyset()), file, false, loaded.cleartext());
    }

    /** A loaded keyset not yet checked against the database: {@link #vault()} for wiring, {@link #checkAgainst}. */
    public static final class Loaded {
        private final SecretVault vault;
        private final KeysetFile file;
        private final boolean isNew;
        private final boolean cleartext;

        private Loaded(SecretVault vault, KeysetFile file, boolean isNew, boolean cleartext) {
            this.vault = vault;
            this.file = file;
            this.isNew = isNew;
            this.cleartext = cleartext;
        }

        /** The vault, to hand to what will use it once {@link #checkAgainst} has accepted it. */
        public SecretVault vault() {
            return vault;
        }

        /**
         * Accepts the keyset if it belongs to this database (writing a new one's file and canary), and returns it.
         *
         * @throws VaultStartupException with one line telling the operator what to fix
         */
        public SecretVault checkAgainst(DataSource database) {
            return Jdbc.inTransaction(database, this::checkAgainst);
        }

        /** As {@link #checkAgainst(DataSource)}, on a connection the caller holds. */
        SecretVault checkAgainst(Connection connection) {
            if (isNew) {
                return firstStart(file, vault, connection);
            }
            VaultCanary.verifyOrCreate(connection, vault, file.path());
            if (cleartext && file.encryptsWithMasterKey()) {
                file.save(vault.keyset);
                log.info("Vault keyset {} is now encrypted with {}", file.path(), MasterKey.ENV_NAME);
            }
            return vault;
        }
    }

    private static SecretVault firstStart(KeysetFile file, SecretVault vault, Connection connection) {
        if (VaultCanary.databaseHoldsCiphertext(connection)) {
            throw new VaultStartupException("Vault keyset " + file.path() + " is missing but the database holds"
                    + " encrypted secrets: restore the keyset file (and " + MasterKey.ENV_NAME
                    + " if you use one); refusing to create a new key.");
        }
        // keyset before canary: a crash in between leaves a keyset whose canary the next start writes
        file.save(vault.keyset);
        VaultCanary.create(connection, vault);
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
