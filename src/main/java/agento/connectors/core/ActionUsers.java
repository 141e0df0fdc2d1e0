package agento.connectors.core;

import java.util.List;
import java.util.Map;

/** Who uses a connector's actions (the tools feature says which agents), for the connector's page. */
@FunctionalInterface
public interface ActionUsers {
    ActionUsers NONE = (ownerId, connectorId) -> Map.of();

    /** The names of the owner's agents that use each action of the connector, by action id. */
    Map<Long, List<String>> agentsByAction(long ownerId, long connectorId);
}
