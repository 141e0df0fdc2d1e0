package agento.accounts;

import org.jdbi.v3.core.Handle;

/** Work another feature must do inside the transaction that removes an account (its agents and secrets, say). */
public interface UserCleanup {
    void beforeRemove(Handle handle, long userId);
}
