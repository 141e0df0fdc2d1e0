package agento.agents;

/** One line of the dashboard: the agent and the short form of its provider connection. */
public record AgentSummary(long id, String name, String description, String status, String statusReason,
                           String provider, String method, String connectionState) {
    public String providerBadge() {
        if (provider == null) {
            return "No AI provider";
        }
        String label = "OpenAI · " + ("oauth".equals(method) ? "OAuth" : "API key");
        return "needs_reconnect".equals(connectionState) ? label + " · Reconnect needed" : label;
    }

    public String statusLabel() {
        return isRunning() ? "Running" : "Stopped";
    }

    public boolean isRunning() {
        return Agent.RUNNING.equals(status);
    }
}
