package agento.vault;

import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the vault's primary key and re-encrypts every stored ciphertext with it. Run it while the server is
 * stopped: a running server keeps the keyset it loaded at start-up.
 */
public final class KeyRotation {
    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /** The points a rotation passes; each leaves the keyset file and the database mutually readable. */
    enum Step { KEY_ADDED, KEY_PROMOTED, ROWS_REENCRYPTED }

    /** Lets tests stop a rotation at a step, as a crash there would. */
    interface Checkpoint {
        void reached(Step step);
    }

    private KeyRotation() {}

    /**
     * Adds a new primary key to the keyset and re-encrypts every secret (OAuth code verifiers included) and
     * the canary in one transaction. Old keys stay in the keyset, so a rotation killed at any point leaves
     * everything decryptable.
     *
     * @return how many ciphertexts were re-encrypted
     * @throws VaultStartupException when the vault cannot be opened with the given key material
     */
    public static int rotate(Path dataDir, String masterKeyOrNull, Jdbi jdbi) {
        return rotate(dataDir, masterKeyOrNull, jdbi, step -> {});
    }

    static int rotate(Path dataDir, String masterKeyOrNull, Jdbi jdbi, Checkpoint checkpoint) {
        SecretVault current = SecretVault.open(dataDir, masterKeyOrNull, jdbi);
        KeysetFile file = new KeysetFile(dataDir, MasterKey.parse(masterKeyOrNull));
        try {
            KeysetHandle.Builder adding = KeysetHandle.newBuilder(current.keyset());
            adding.addEntry(KeysetHandle.generateEntryFromParameters(SecretVault.AES256_GCM).withRandomId());
            KeysetHandle added = adding.build();
            file.save(added);
            checkpoint.reached(Step.KEY_ADDED);

            KeysetHandle.Builder promoting = KeysetHandle.newBuilder(added);
            promoting.getAt(promoting.size() - 1).makePrimary();
            SecretVault next = new SecretVault(promoting.build());
            file.save(next.keyset());
            checkpoint.reached(Step.KEY_PROMOTED);

            int count = jdbi.inTransaction(h -> {
                int reencrypted = reencryptAll(h, next);
                checkpoint.reached(Step.ROWS_REENCRYPTED);
                return reencrypted;
            });
            log.info("Vault key rotated: primary key id {} -> {}, {} ciphertexts re-encrypted",
                    current.primaryKeyId(), next.primaryKeyId(), count);
            return count;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the rotated vault keyset", e);
        }
    }

    private static int reencryptAll(Handle h, SecretVault vault) {
        int count = 0;
        SecretsTable secrets = h.attach(SecretsTable.class);
        for (SecretsTable.Row row : secrets.readable()) {
            String ad = row.ref().associatedData();
            try {
                secrets.reencrypt(row.id(), vault.encrypt(vault.decrypt(row.ciphertext(), ad), ad), vault.primaryKeyId());
                count++;
            } catch (SecretUnreadableException e) {
                // one broken secret must not block rotating the others; it already needs re-entry
                secrets.markUnreadable(row.ref());
                log.warn("Secret {}/{}/{} could not be decrypted during rotation and is flagged for re-entry",
                        row.ownerKind(), row.ownerId(), row.name());
            }
        }
        count += VaultCanary.reencrypt(h.getConnection(), vault);
        return count;
    }
}
