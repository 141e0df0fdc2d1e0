package agento.tools.core;

import java.util.List;

/**
 * One of the person's connector actions as Settings → Tools lists it: what it is, whether this agent may use it,
 * and whether it asks first (saved, or the default for its method when it was never chosen).
 */
public record ToolChoice(long actionId, String connectorName, String name, String description, String method,
                         String path, List<String> inputs, boolean enabled, boolean askFirst) {}
