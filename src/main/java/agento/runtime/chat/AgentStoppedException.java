package agento.runtime.chat;

/** A message for an agent that is not running: nothing is sent to OpenAI (the web answers 409). */
public final class AgentStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgentStoppedException() {
        super("This agent is stopped. Start it to chat.", null, false, false);
    }
}
