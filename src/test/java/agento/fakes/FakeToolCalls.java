package agento.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function calls the fake model makes instead of text: planned one per request, or on every request. Like the
 * real model it calls only when the request offers tools and leaves {@code tool_choice} other than "none".
 */
final class FakeToolCalls {
    /** A call to make: the tool's name and the arguments as JSON text; the text said before it may be empty. */
    record Planned(String name, String arguments, String saying) {}

    private final Queue<Planned> planned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger made = new AtomicInteger();
    private volatile Planned always;

    void plan(Planned call) {
        planned.add(call);
    }

    void always(Planned call) {
        always = call;
    }

    void reset() {
        planned.clear();
        always = null;
    }

    /** A fresh call_id. */
    String callId() {
        return "call_fake" + made.incrementAndGet();
    }

    /** The call to answer {@code body} with, or null to answer in text. */
    Planned next(JsonNode body) {
        if (!body.path("tools").isArray() || body.path("tools").isEmpty()
                || "none".equals(body.path("tool_choice").asText())) {
            return null;
        }
        Planned next = planned.poll();
        return next != null ? next : always;
    }
}
