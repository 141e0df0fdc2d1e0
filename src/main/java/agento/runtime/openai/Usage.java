package agento.runtime.openai;

/** Token counts from {@code response.usage}. */
public record Usage(long inputTokens, long outputTokens, long totalTokens) {

    public static final Usage UNKNOWN = new Usage(0, 0, 0);
}
