package agento.runtime.toolbox;

/**
 * What a tool run gave, secrets already masked: whether it succeeded, the HTTP status (null when nothing came
 * back), the time, the outcome in words and the body (capped by the tool).
 */
public record ToolResult(boolean succeeded, Integer status, long durationMs, String outcome, String body) {
    /** What the model reads at most of a body; the rest is cut and the model is told so. */
    public static final int MAX_FOR_MODEL = 16_000;

    public static ToolResult failed(String outcome) {
        return new ToolResult(false, null, 0, outcome, "");
    }

    /** The result as the function_call_output the model reads. */
    public String forModel() {
        String head = status == null ? "The call failed: " + outcome
                : "HTTP " + status + " (" + outcome + ") in " + durationMs + " ms";
        if (body == null || body.isEmpty()) {
            return head;
        }
        String shown = body.length() > MAX_FOR_MODEL ? body.substring(0, MAX_FOR_MODEL)
                + "\n[cut: the body was longer than " + MAX_FOR_MODEL + " characters]" : body;
        return head + "\n\n" + shown;
    }
}
