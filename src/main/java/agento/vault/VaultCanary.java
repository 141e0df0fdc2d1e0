package agento.vault;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A known text stored encrypted: a keyset that cannot decrypt it does not belong to this database. */
final class VaultCanary {
    private static final Logger log = LoggerFactory.getLogger(VaultCanary.class);
    static final String ASSOCIATED_DATA = "vault_canary";
    static final String TEXT = "agento vault canary v1";

    private VaultCanary() {}

    /** True when the database already holds ciphertext some keyset made. */
    static boolean databaseHoldsCiphertext(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.attach(VaultCanaryTable.class).ciphertext().isPresent()
                || h.attach(SecretsTable.class).any());
    }

    static void create(Jdbi jdbi, SecretVault vault) {
        byte[] ciphertext = vault.encrypt(TEXT, ASSOCIATED_DATA);
        jdbi.useHandle(h -> h.attach(VaultCanaryTable.class).insert(ciphertext, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Refuses a keyset that cannot read the canary; writes the canary when the database has none yet. */
    static void verifyOrCreate(Jdbi jdbi, SecretVault vault, Path keysetPath) {
        Optional<byte[]> stored = jdbi.withHandle(h -> h.attach(VaultCanaryTable.class).ciphertext());
        if (stored.isPresent()) {
            if (!opens(vault, stored.get())) {
                throw mismatch(keysetPath);
            }
            return;
        }
        // a database from before the canary: bless the keyset only if it reads what is already there
        if (!readsAnyExistingSecret(jdbi, vault)) {
            throw mismatch(keysetPath);
        }
        create(jdbi, vault);
        log.info("Vault canary created for keyset {}", keysetPath);
    }

    /** Re-encrypts the canary with the vault's primary key inside the caller's transaction; 1 if there was one. */
    static int reencrypt(Handle h, SecretVault vault) {
        VaultCanaryTable table = h.attach(VaultCanaryTable.class);
        if (table.ciphertext().isEmpty()) {
            return 0;
        }
        table.replace(vault.encrypt(TEXT, ASSOCIATED_DATA));
        return 1;
    }

    private static boolean opens(SecretVault vault, byte[] ciphertext) {
        try {
            return TEXT.equals(vault.decrypt(ciphertext, ASSOCIATED_DATA));
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    private static boolean readsAnyExistingSecret(Jdbi jdbi, SecretVault vault) {
        var rows = jdbi.withHandle(h -> h.attach(SecretsTable.class).readable());
        return rows.isEmpty() || rows.stream().anyMatch(row -> {
            try {
                vault.decrypt(row.ciphertext(), row.ref().associatedData());
                return true;
            } catch (SecretUnreadableException e) {
                return false;
            }
        });
    }

    private static VaultStartupException mismatch(Path keysetPath) {
        return new VaultStartupException("The vault keyset does not match this database (" + keysetPath
                + " cannot decrypt the stored canary): restore the keyset file and " + MasterKey.ENV_NAME
                + " that belong to this database.");
    }
}
