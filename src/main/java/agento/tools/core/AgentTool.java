package agento.tools.core;

/** An action an agent may call as a tool; {@code askFirst}: the reply pauses for Allow or Deny before each run. */
public record AgentTool(long actionId, boolean askFirst) {}
