package agento.vault;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the {@code secrets} table; only {@link SecretStore} and {@link KeyRotation} use it. */
interface SecretsTable {

    /** A stored ciphertext with the columns its associated data is built from. */
    record Row(long id, String ownerKind, String ownerId, String name, byte[] ciphertext) {
        SecretRef ref() {
            return new SecretRef(ownerKind, ownerId, name);
        }
    }

    @SqlQuery("SELECT COUNT(*) > 0 FROM secrets WHERE owner_kind = :ownerKind AND owner_id = :ownerId AND name = :name")
    boolean exists(@BindMethods SecretRef ref);

    /** Every secret not flagged for re-entry, oldest first: the columns of {@link Row}, in its order. */
    String READABLE = "SELECT id, owner_kind, owner_id, name, ciphertext FROM secrets WHERE unreadable = FALSE ORDER BY id";

    @SqlQuery(READABLE)
    @RegisterConstructorMapper(Row.class)
    List<Row> readable();

    @SqlUpdate("UPDATE secrets SET ciphertext = :ciphertext, key_id = :keyId, unreadable = FALSE, created_at = :now"
            + " WHERE owner_kind = :ownerKind AND owner_id = :ownerId AND name = :name")
    int replace(@BindMethods SecretRef ref, byte[] ciphertext, long keyId, OffsetDateTime now);

    @SqlUpdate("INSERT INTO secrets (owner_kind, owner_id, name, ciphertext, key_id, unreadable, created_at)"
            + " VALUES (:ownerKind, :ownerId, :name, :ciphertext, :keyId, FALSE, :now)")
    void insert(@BindMethods SecretRef ref, byte[] ciphertext, long keyId, OffsetDateTime now);

    @SqlUpdate("UPDATE secrets SET ciphertext = :ciphertext, key_id = :keyId WHERE id = :id")
    void reencrypt(@Bind("id") long id, byte[] ciphertext, long keyId);

    @SqlUpdate("UPDATE secrets SET unreadable = TRUE WHERE owner_kind = :ownerKind AND owner_id = :ownerId AND name = :name")
    void markUnreadable(@BindMethods SecretRef ref);

    @SqlUpdate("DELETE FROM secrets WHERE owner_kind = :ownerKind AND owner_id = :ownerId AND name = :name")
    void delete(@BindMethods SecretRef ref);

    @SqlUpdate("DELETE FROM secrets WHERE owner_kind = :ownerKind AND owner_id = :ownerId")
    void deleteAllOwnedBy(String ownerKind, String ownerId);
}
