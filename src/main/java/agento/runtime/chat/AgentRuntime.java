package agento.runtime.chat;

import agento.agents.Agent;
import agento.agents.AgentService;
import agento.provider.core.ConnectionHealth;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionSummary;
import agento.provider.core.ConnectionTest;
import agento.provider.core.Credential;
import agento.provider.core.Credentials;
import java.util.Optional;

/**
 * Start and Stop. Start checks first (a usable credential, billing) and, when it refuses, keeps the reason on the
 * agent so Overview, Chat and the dashboard can say why. The status is stored: a running agent runs again after a
 * restart.
 */
public final class AgentRuntime {
    public static final String BILLING = "OpenAI says this account has no billing or quota set up. Add a payment "
            + "method at platform.openai.com \u2192 Billing, then Start again.";

    private final AgentService agents;
    private final Credentials credentials;
    private final ConnectionHealth health;
    private final ConnectionTest test;
    private final ChatRelay relay;

    AgentRuntime(AgentService agents, Credentials credentials, ConnectionHealth health, ConnectionTest test,
                 ChatRelay relay) {
        this.agents = agents;
        this.credentials = credentials;
        this.health = health;
        this.test = test;
        this.relay = relay;
    }

    /** Starts the agent; returns empty when it runs, else why it did not start (also kept on the agent). */
    public Optional<String> start(Agent agent) {
        String refusal = preflight(agent);
        agents.setStatus(agent.id(), refusal == null ? Agent.RUNNING : Agent.STOPPED, refusal);
        return Optional.ofNullable(refusal);
    }

    public void stop(Agent agent) {
        agents.setStatus(agent.id(), Agent.STOPPED, null);
        relay.stopAll(agent);
    }

    private String preflight(Agent agent) {
        Credential credential = credentials.forAgent(agent);
        if (credential instanceof Credential.NotUsable notUsable) {
            return notUsable.reason();
        }
        Optional<ConnectionSummary> summary = health.summary(agent);
        if (summary.map(s -> s.state() == ConnectionState.NO_QUOTA).orElse(false)) {
            test.run(agent); // billing may have been added since: look again before refusing
            summary = health.summary(agent);
        }
        ConnectionState state = summary.map(ConnectionSummary::state).orElse(null);
        if (state == ConnectionState.NO_QUOTA) {
            return BILLING;
        }
        if (state == ConnectionState.CREDENTIAL_ERROR || state == ConnectionState.NEEDS_RECONNECT) {
            return summary.get().reason() != null ? summary.get().reason()
                    : "The saved credential does not work. Open Settings to connect again.";
        }
        return null;
    }
}
