package agento.runtime.openai;

/**
 * A function call the model made: its {@code call_id}, the tool's name and the arguments as the JSON text the model
 * wrote (untrusted: checked against the tool's schema before anything runs).
 */
public record FunctionCall(String callId, String name, String arguments) {}
