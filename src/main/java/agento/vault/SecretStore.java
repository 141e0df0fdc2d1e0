package agento.vault;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code secrets} table: every secret goes in encrypted and comes out only through here. */
public final class SecretStore {
    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);
    // read for every reply, Telegram message and tool call: fluent, not h.attach(SecretsTable), which builds the SQL
    // Object's handlers on each call (see agento.db.Reads)
    private static final String CIPHERTEXT = "SELECT ciphertext FROM secrets WHERE owner_kind = :ownerKind "
            + "AND owner_id = :ownerId AND name = :name";

    private final Jdbi jdbi;
    private final SecretVault vault;

    /** A store that encrypts and decrypts with {@code vault}. */
    public SecretStore(Jdbi jdbi, SecretVault vault) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.vault = Objects.requireNonNull(vault);
    }

    /** Stores or replaces the secret inside the caller's transaction, clearing any unreadable flag. */
    public void put(Handle h, SecretRef ref, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] ciphertext = vault.encrypt(plaintext, ref.associatedData());
        long keyId = vault.primaryKeyId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SecretsTable table = h.attach(SecretsTable.class);
        if (table.replace(ref, ciphertext, keyId, now) == 0) {
            table.insert(ref, ciphertext, keyId, now);
        }
    }

    /**
     * The secret's plaintext, or empty when none is stored.
     *
     * @throws SecretUnreadableException when it does not decrypt; the row is then flagged for re-entry
     */
    public Optional<String> read(SecretRef ref) {
        return jdbi.withHandle(h -> read(h, ref));
    }

    /** As {@link #read(SecretRef)}, on the caller's handle. */
    public Optional<String> read(Handle h, SecretRef ref) {
        Optional<byte[]> ciphertext = h.createQuery(CIPHERTEXT).bindMethods(ref).mapTo(byte[].class).findOne();
        if (ciphertext.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(vault.decrypt(ciphertext.get(), ref.associatedData()));
        } catch (SecretUnreadableException e) {
            flagUnreadable(ref);
            throw new SecretUnreadableException("secret " + describe(ref)
                    + " could not be decrypted (tampered, moved, or encrypted with another key); it must be entered again");
        }
    }

    /** True when a secret is stored under {@code ref}, readable or not. */
    public boolean exists(SecretRef ref) {
        return jdbi.withHandle(h -> h.attach(SecretsTable.class).exists(ref));
    }

    /** Removes the secret, inside the caller's transaction. */
    public void delete(Handle h, SecretRef ref) {
        h.attach(SecretsTable.class).delete(ref);
    }

    /** Removes every secret of one owner, inside the caller's transaction. */
    public void deleteAllOwnedBy(Handle h, String ownerKind, String ownerId) {
        h.attach(SecretsTable.class).deleteAllOwnedBy(ownerKind, ownerId);
    }

    // a fresh handle, not jdbi.useTransaction (which joins the caller's): the flag must survive its rollback
    private void flagUnreadable(SecretRef ref) {
        try (Handle own = jdbi.open()) {
            own.useTransaction(h -> h.attach(SecretsTable.class).markUnreadable(ref));
            log.warn("Secret {} could not be decrypted and is flagged for re-entry", describe(ref));
        } catch (RuntimeException e) {
            log.warn("Secret {} could not be decrypted and could not be flagged: {}", describe(ref), e.toString());
        }
    }

    private static String describe(SecretRef ref) {
        return ref.ownerKind() + "/" + ref.ownerId() + "/" + ref.name();
    }
}
