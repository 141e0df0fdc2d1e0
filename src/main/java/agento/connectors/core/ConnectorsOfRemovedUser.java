package agento.connectors.core;

import agento.vault.SecretStore;
import org.jdbi.v3.core.Handle;

/** When an account is removed its connectors and variables go by cascade; their vault secrets go here, first. */
public final class ConnectorsOfRemovedUser {
    private final SecretStore secrets;

    public ConnectorsOfRemovedUser(SecretStore secrets) {
        this.secrets = secrets;
    }

    /** Inside the transaction that removes the account. */
    public void removeSecrets(Handle h, long ownerId) {
        for (long id : h.createQuery("SELECT id FROM connectors WHERE owner_id = :owner").bind("owner", ownerId)
                .mapTo(Long.class).list()) {
            secrets.delete(h, Connector.secretRef(id));
        }
        for (long id : h.createQuery("SELECT id FROM connector_variables WHERE owner_id = :owner")
                .bind("owner", ownerId).mapTo(Long.class).list()) {
            secrets.delete(h, Variable.valueRef(id));
        }
    }
}
