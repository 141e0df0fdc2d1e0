package agento.connections;

import agento.agents.Agent;
import agento.agents.AgentRoutes;
import agento.agents.AgentService;
import agento.agents.SettingsSection;
import agento.common.InvalidInputException;
import agento.web.Htmx;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Renders the AI Provider card: alone for htmx (it targets itself), inside the Settings tab otherwise. */
public final class ProviderCard implements SettingsSection {
    private final AgentService agents;
    private final ConnectionViews views;
    private final OAuthConnections oauth;

    public ProviderCard(AgentService agents, ConnectionViews views, OAuthConnections oauth) {
        this.agents = agents;
        this.views = views;
        this.oauth = oauth;
    }

    @Override
    public Map<String, Object> model(SessionUser user, Agent agent) {
        Map<String, Object> model = new HashMap<>();
        ConnectionView conn = views.of(agent);
        model.put("conn", conn);
        model.put("providerErrors", Map.of());
        oauth.latestFlow(user.id(), agent.id()).ifPresent(flow -> {
            if (flow.usedAt() == null) {
                model.put("flowPending", true);
            } else if ("failed".equals(flow.outcome())
                    && (conn.changedAt() == null || !flow.createdAt().isBefore(conn.changedAt()))) {
                model.put("flowFailure", flow.outcomeDetail());
            }
        });
        return model;
    }

    /** Runs one service call, then shows the card (htmx) or goes back to the Settings tab (plain form). */
    void act(Context ctx, Runnable action, String notice) {
        act(ctx, () -> {
            action.run();
            return notice;
        });
    }

    /** As {@link #act(Context, Runnable, String)}, the action itself saying what happened. */
    void act(Context ctx, Supplier<String> action) {
        String notice;
        try {
            notice = action.get();
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, Map.of("providerErrors", e.errors()));
            return;
        }
        if (Htmx.isRequest(ctx)) {
            render(ctx, Map.of("providerNotice", notice));
        } else {
            ctx.redirect("/agents/" + AgentRoutes.agentId(ctx) + "/settings", HttpStatus.SEE_OTHER);
        }
    }

    Agent agent(Context ctx) {
        return agents.get(Sessions.requireUser(ctx).id(), AgentRoutes.agentId(ctx));
    }

    void render(Context ctx, Map<String, Object> extra) {
        SessionUser user = Sessions.requireUser(ctx);
        Agent agent = agents.get(user.id(), AgentRoutes.agentId(ctx));
        Map<String, Object> model = model(user, agent);
        model.putAll(extra);
        model.put("agent", agent);
        if (Htmx.isRequest(ctx)) {
            ctx.render("agents/settings/provider :: provider-card", model);
            return;
        }
        model.put("tab", "settings");
        model.put("name", agent.name());
        model.put("description", agent.description() == null ? "" : agent.description());
        model.put("errors", Map.of());
        ctx.render("agents/settings", model);
    }
}
