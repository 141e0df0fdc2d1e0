package agento.provider.core;

import java.time.Instant;

/** One line of the Settings tab's Activity list; {@code detail} never holds a secret. */
public record ActivityEntry(long id, long agentId, Instant at, String kind, String detail) {}
