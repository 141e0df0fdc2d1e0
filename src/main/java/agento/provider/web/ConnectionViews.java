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
        return of(agent, false);
    }

    /** With {@code allActivity}, every Activity line (Show all); else the newest ten. */
    public ConnectionView of(Agent agent, boolean allActivity) {
        Optional<Connection> found = store.find(agent.id());
        int limit = allActivity ? ConnectionStore.ACTIVITY_ALL : ConnectionStore.ACTIVITY_SHOWN + 1;
        var entries = store.activity(agent.id(), limit);
        boolean more = !allActivity && entries.size() > ConnectionStore.ACTIVITY_SHOWN;
        var activity = entries.stream().limit(allActivity ? limit : ConnectionStore.ACTIVITY_SHOWN)
                .map(e -> new ConnectionView.ActivityView(format(e.at()), e.at().toString(), e.detail())).toList();
        var options = models.options(agent.id());
        if (found.isEmpty()) {
            return new ConnectionView(agent.id(), null, null, "grey", "Not connected", null, null, null, null, options,
                    agent.model(), activity, more, null);
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
                c.lastVerifiedAt() == null ? null : format(c.lastVerifiedAt()), options, agent.model(), activity, more,
                c.updatedAt());
    }

    private static String plan(String planType) {
        return planType.isEmpty() ? planType : Character.toUpperCase(planType.charAt(0)) + planType.substring(1);
    }

    private static String format(Instant at) {
        return TIME.format(at);
    }
}
