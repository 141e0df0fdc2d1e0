package agento.connectors.run;

import java.time.Instant;

/** A stored run (a row of {@code action_runs}): secrets masked, body cut short. */
public record ActionRun(long id, long actionId, Instant at, boolean succeeded, Integer status, long durationMs,
                        String outcome, String finalUrl, String responseHeaders, String body) {}
