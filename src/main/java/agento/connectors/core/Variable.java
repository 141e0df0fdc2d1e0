package agento.connectors.core;

import agento.vault.SecretRef;
import java.time.Instant;

/** A row of {@code connector_variables}: a named secret of one person; its value is in the vault. */
public record Variable(long id, long ownerId, String name, String hint, Instant createdAt, Instant updatedAt) {
    public static SecretRef valueRef(long variableId) {
        return SecretRef.of("connector_variable", variableId, "value");
    }
}
