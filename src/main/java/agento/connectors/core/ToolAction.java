package agento.connectors.core;

import java.util.List;

/** An action as the agent tools see it: what it is called, what it does, and the inputs it takes. */
public record ToolAction(long actionId, long connectorId, String connectorName, String name, String description,
                         String method, String path, List<String> inputs) {}
