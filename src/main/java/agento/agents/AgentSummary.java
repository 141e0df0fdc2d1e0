package agento.agents;

/** One line of the dashboard: the agent and the short form of its provider connection. */
public record AgentSummary(long id, String name, String description, String status, String statusReason,
                           String provider, String method, String connectionState) {
    public String providerBadge() {
        if (provider == null) {
            return "No AI provider";
        }
        String label = "OpenAI · " + ("oauth".equals(method) ? "OAuth" : "API key");
        String state = stateLabel();
        return state == null ? label : label + " · " + state;
    }

    /** The same colour for a connection state everywhere: the card's indicator, Overview, this badge. */
    public String badgeColor() {
        if (provider == null) {
            return "grey";
        }
        switch (connectionState == null ? "" : connectionState) {
            case "connected": return "green";
            case "credential_error": return "red";
            default: return "amber";
        }
    }

    private String stateLabel() {
        switch (connectionState == null ? "" : connectionState) {
            case "no_quota": return "No billing";
            case "unverified": return "Unverified";
            case "needs_reconnect": return "Reconnect needed";
            case "credential_error": return "Credential error";
            default: return null;
        }
    }

    public String statusLabel() {
        return isRunning() ? "Running" : "Stopped";
    }

    public boolean isRunning() {
        return Agent.RUNNING.equals(status);
    }
}
