package agento.connectors.run;

import agento.connectors.guard.GuardedHttp;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An answer turned into what is shown: masked URL, headers and body, the body pretty-printed and capped. */
final class Responses {
    private Responses() {}

    static RunResult result(GuardedHttp.Exchange exchange, String outcome, SecretMask mask, long durationMs,
                            Instant at) {
        var answer = exchange.answer();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        answer.headers().map().forEach((name, values) -> values.forEach(value ->
                headers.add(new AbstractMap.SimpleImmutableEntry<>(name, mask.apply(value)))));
        String contentType = answer.headers().firstValue("content-type").orElse(null);
        String body = mask.apply(ResponseBody.pretty(mask.apply(answer.body()), contentType));
        boolean cut = answer.truncated() || body.length() > ResponseBody.SHOWN;
        int status = answer.status();
        return new RunResult(status >= 200 && status < 300, status, durationMs, outcome,
                mask.apply(exchange.finalUri().toString()), headers, ResponseBody.cut(body, ResponseBody.SHOWN), cut,
                at);
    }

    static String joinHeaders(List<Map.Entry<String, String>> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
        return text.toString();
    }
}
