package agento.agents;

import org.jdbi.v3.core.Handle;

/** Work another feature must do inside the transaction that deletes an agent (its secrets, say). */
public interface AgentCleanup {
    void beforeDelete(Handle handle, Agent agent);
}
