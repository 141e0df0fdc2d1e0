package agento.provider.web;

import agento.agents.Agent;
import agento.provider.core.Connection;
import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionStore;
import agento.provider.core.Method;
import agento.provider.core.ModelChoice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Turns an agent's connection row into the card's view. */
public final class ConnectionViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ConnectionStore store;
    private final ModelChoice models;

    public ConnectionViews(ConnectionStore store, ModelChoice models) {
        this.store = store;
        this.models = models;
    }

    public ConnectionView of(Agent agent) {
        Optional<Connection> found = store.find(agent.id());
        var activity = store.activity(agent.id()).stream()
                .map(e -> new ConnectionView.ActivityView(format(e.at()), e.detail())).toList();
        var options = models.options(agent.id());
        if (found.isEmpty()) {
            return new ConnectionView(agent.id(), null, null, "grey", "Not connected", null, null, null, null, options,
                    agent.model(), activity, null);
        }
        Connection c = found.get();
        ConnectionState state = c.stateEnum();
        String color;
        String label;
        switch (state) {
            case CONNECTED:
            case NO_QUOTA:
                color = "green";
                label = "Connected";
                break;
            case UNVERIFIED:
                color = "amber";
                label = "Unverified \u2014 couldn't reach OpenAI";
                break;
            case NEEDS_RECONNECT:
                color = "amber";
                label = "Reconnect needed";
                break;
            default:
                color = "red";
                label = "Credential error";
        }
        String via = c.methodEnum() == Method.API_KEY ? "via API key " + c.keyHint()
                : "via OpenAI account " + c.accountLabel() + (c.planType() == null ? "" : " (" + plan(c.planType()) + ")");
        return new ConnectionView(agent.id(), c.method(), c.state(), color, label, via, c.keyHint(), c.stateReason(),
                c.lastVerifiedAt() == null ? null : format(c.lastVerifiedAt()), options, agent.model(), activity,
                c.updatedAt());
    }

    private static String plan(String planType) {
        return planType.isEmpty() ? planType : Character.toUpperCase(planType.charAt(0)) + planType.substring(1);
    }

    private static String format(Instant at) {
        return TIME.format(at);
    }
}
