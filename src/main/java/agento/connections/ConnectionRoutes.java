package agento.connections;

import agento.agents.Agent;
import agento.agents.AgentRoutes;
import agento.agents.AgentService;
import agento.agents.SettingsSection;
import agento.common.InvalidInputException;
import agento.web.Htmx;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** The AI Provider card of the Settings tab: API key, Test connection, Remove Key, model. */
public final class ConnectionRoutes implements RouteTable, SettingsSection {
    private final AgentService agents;
    private final ApiKeyConnections apiKeys;
    private final ModelChoice models;
    private final ConnectionViews views;

    public ConnectionRoutes(AgentService agents, ApiKeyConnections apiKeys, ModelChoice models, ConnectionViews views) {
        this.agents = agents;
        this.apiKeys = apiKeys;
        this.models = models;
        this.views = views;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}/settings/provider", ctx -> card(ctx, Map.of()), Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/api-key", this::saveKey, Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/test", ctx -> act(ctx, () -> apiKeys.test(owner(ctx), AgentRoutes.agentId(ctx)),
                "Checked with OpenAI."), Role.SIGNED_IN);
        routes.get("/agents/{id}/connection/remove-key", ctx -> card(ctx, Map.of("confirmRemove", true)), Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/remove-key", ctx -> act(ctx,
                () -> apiKeys.remove(owner(ctx), AgentRoutes.agentId(ctx)), "The API key was removed."), Role.SIGNED_IN);
        routes.post("/agents/{id}/model", ctx -> act(ctx,
                () -> models.choose(owner(ctx), AgentRoutes.agentId(ctx), ctx.formParam("model")), "Model saved."),
                Role.SIGNED_IN);
    }

    @Override
    public Map<String, Object> model(SessionUser user, Agent agent) {
        Map<String, Object> model = new HashMap<>();
        model.put("conn", views.of(agent));
        model.put("providerErrors", Map.of());
        return model;
    }

    private void saveKey(Context ctx) {
        act(ctx, () -> apiKeys.save(owner(ctx), AgentRoutes.agentId(ctx), ctx.formParam("apiKey")), "Saved.");
    }

    /** Runs one service call, then shows the card (htmx) or goes back to the Settings tab (plain form). */
    private void act(Context ctx, Runnable action, String notice) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            card(ctx, Map.of("providerErrors", e.errors()));
            return;
        }
        if (Htmx.isRequest(ctx)) {
            card(ctx, Map.of("providerNotice", notice));
        } else {
            ctx.redirect("/agents/" + AgentRoutes.agentId(ctx) + "/settings", HttpStatus.SEE_OTHER);
        }
    }

    /** The card alone for htmx, the whole Settings tab otherwise. */
    private void card(Context ctx, Map<String, Object> extra) {
        SessionUser user = Sessions.requireUser(ctx);
        Agent agent = agents.get(user.id(), AgentRoutes.agentId(ctx));
        Map<String, Object> model = model(user, agent);
        model.putAll(extra);
        model.put("agent", agent);
        if (Htmx.isRequest(ctx)) {
            ctx.render("agents/settings/provider :: form", model);
            return;
        }
        model.put("tab", "settings");
        model.put("name", agent.name());
        model.put("description", agent.description() == null ? "" : agent.description());
        model.put("errors", Map.of());
        ctx.render("agents/settings", model);
    }

    private static long owner(Context ctx) {
        return Sessions.requireUser(ctx).id();
    }
}
