package agento.connectors.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of an action gave, with every secret masked: whether it succeeded (2xx), the HTTP status (null when
 * nothing came back), the time in ms, the outcome in words, the final URL, the response headers, and the body
 * (JSON pretty-printed, at most 256 KB; {@code bodyCut} when more came or more was sent than Agento reads).
 */
public record RunResult(boolean succeeded, Integer status, long durationMs, String outcome, String finalUrl,
                        List<Map.Entry<String, String>> headers, String body, boolean bodyCut, Instant at) {

    /** A run that stopped before anything was sent or received. */
    static RunResult failed(String outcome, String finalUrl, long durationMs, Instant at) {
        return new RunResult(false, null, durationMs, outcome, finalUrl, List.of(), "", false, at);
    }
}
