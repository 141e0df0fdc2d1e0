package agento.vault;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the single {@code vault_canary} row. */
interface VaultCanaryTable {

    @SqlQuery("SELECT ciphertext FROM vault_canary WHERE id = 1")
    Optional<byte[]> ciphertext();

    @SqlUpdate("INSERT INTO vault_canary (id, ciphertext, created_at) VALUES (1, :ciphertext, :now)")
    void insert(byte[] ciphertext, OffsetDateTime now);

    @SqlUpdate("UPDATE vault_canary SET ciphertext = :ciphertext WHERE id = 1")
    void replace(byte[] ciphertext);
}
