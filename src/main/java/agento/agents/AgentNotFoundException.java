package agento.agents;

/** No such agent for this user: another user's agent looks exactly like a missing one (404). */
public final class AgentNotFoundException extends RuntimeException {
    public AgentNotFoundException() {
        super("agent not found");
    }
}
