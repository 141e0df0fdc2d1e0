package agento.provider.core;

/**
 * What the agent's Overview and Start need to know of its connection, never the credential: how it is connected
 * ("API key" / "Sign in with OpenAI"), as whom (account e-mail or key hint), its state and the reason to show.
 */
public record ConnectionSummary(Method method, String account, ConnectionState state, String reason) {

    public String methodLabel() {
        return method == Method.API_KEY ? "API key" : "Sign in with OpenAI";
    }

    public String stateLabel() {
        switch (state) {
            case CONNECTED:
            case NO_QUOTA:
                return "Connected";
            case UNVERIFIED:
                return "Unverified";
            case NEEDS_RECONNECT:
                return "Reconnect needed";
            default:
                return "Credential error";
        }
    }
}
