package agento.vault;

import agento.db.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A known text stored encrypted: a keyset that cannot decrypt it does not belong to this database.
 *
 * <p>Plain JDBC ({@link Jdbc}) on the caller's connection: the check runs before the server answers. Its writes happen
 * before anything is served (or, for a key rotation, with the server stopped), so no kept page is older than them.
 */
final class VaultCanary {
    private static final Logger log = LoggerFactory.getLogger(VaultCanary.class);
    static final String ASSOCIATED_DATA = "vault_canary";
    static final String TEXT = "agento vault canary v1";

    private VaultCanary() {}

    /** True when the database already holds ciphertext some keyset made. */
    static boolean databaseHoldsCiphertext(Connection connection) {
        return stored(connection).isPresent()
                || Jdbc.list(connection, "SELECT EXISTS (SELECT 1 FROM secrets)", row -> row.getBoolean(1)).get(0);
    }

    static void create(Connection connection, SecretVault vault) {
        Jdbc.update(connection, "INSERT INTO vault_canary (id, ciphertext, created_at) VALUES (1, ?, ?)",
                vault.encrypt(TEXT, ASSOCIATED_DATA), OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Refuses a keyset that cannot read the canary; writes the canary when the database has none yet. */
    static void verifyOrCreate(Connection connection, SecretVault vault, Path keysetPath) {
        Optional<byte[]> stored = stored(connection);
        if (stored.isPresent()) {
            if (!opens(vault, stored.get())) {
                throw mismatch(keysetPath);
            }
            return;
        }
        // a database from before the canary: bless the keyset only if it reads what is already there
        if (!readsAnyExistingSecret(connection, vault)) {
            throw mismatch(keysetPath);
        }
        create(connection, vault);
        log.info("Vault canary created for keyset {}", keysetPath);
    }

    /** Re-encrypts the canary with the vault's primary key inside the caller's transaction; 1 if there was one. */
    static int reencrypt(Connection connection, SecretVault vault) {
        return Jdbc.update(connection, "UPDATE vault_canary SET ciphertext = ? WHERE id = 1",
                vault.encrypt(TEXT, ASSOCIATED_DATA));
    }

    private static Optional<byte[]> stored(Connection connection) {
        return Jdbc.list(connection, "SELECT ciphertext FROM vault_canary WHERE id = 1", row -> row.getBytes(1))
                .stream().findFirst();
    }

    private static boolean opens(SecretVault vault, byte[] ciphertext) {
        try {
            return TEXT.equals(vault.decrypt(ciphertext, ASSOCIATED_DATA));
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    private static boolean readsAnyExistingSecret(Connection connection, SecretVault vault) {
        List<SecretsTable.Row> rows = Jdbc.list(connection, SecretsTable.READABLE, row -> new SecretsTable.Row(
                row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getBytes(5)));
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
