package agento.connectors;

import agento.connectors.core.Connector;
import agento.connectors.core.Variable;

import agento.vault.SecretStore;
import org.jdbi.v3.core.Handle;

/** When an account is removed its connectors and variables go by cascade; their vault secrets go here, first. */
final class ConnectorsOfRemovedUser {
    private final SecretStore secrets;

    ConnectorsOfRemovedUser(SecretStore secrets) {
        this.secrets = secrets;
    }

    /** Inside the transaction that removes the account. */
    void removeSecrets(Handle h, long ownerId) {
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
