package agento.agents;

import agento.common.InvalidInputException;
import agento.web.ErrorPages;
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

/** The dashboard and an agent's pages: Overview, Chat, Settings, rename and delete. */
public final class AgentRoutes implements RouteTable {
    private final AgentService agents;
    private final AgentScope scope;
    private final SettingsPage settingsPage;

    public AgentRoutes(AgentService agents, SettingsPage settingsPage) {
        this.agents = agents;
        this.scope = new AgentScope(agents);
        this.settingsPage = settingsPage;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.exception(AgentNotFoundException.class, (e, ctx) -> ErrorPages.show(ctx, 404, null));
        scope.register(routes);
        routes.get("/", this::dashboard, Role.SIGNED_IN);
        routes.get("/agents/new", ctx -> ctx.render("agents/new", formModel("", "", Map.of())), Role.SIGNED_IN);
        routes.post("/agents", this::create, Role.SIGNED_IN);
        routes.get("/agents/{id}", ctx -> tab(ctx, "agents/overview", Map.of()), Role.SIGNED_IN);
        routes.get("/agents/{id}/chat", ctx -> tab(ctx, "agents/chat", Map.of()), Role.SIGNED_IN);
        routes.get("/agents/{id}/settings", this::settings, Role.SIGNED_IN);
        routes.post("/agents/{id}/details", this::update, Role.SIGNED_IN);
        routes.get("/agents/{id}/delete", ctx -> tab(ctx, "agents/delete", Map.of()), Role.SIGNED_IN);
        routes.post("/agents/{id}/delete", this::delete, Role.SIGNED_IN);
    }

    private void dashboard(Context ctx) {
        ctx.render("agents/dashboard", Map.of("agents", agents.list(Sessions.requireUser(ctx).id())));
    }

    private void create(Context ctx) {
        String name = ctx.formParam("name");
        String description = ctx.formParam("description");
        try {
            Agent agent = agents.create(Sessions.requireUser(ctx).id(), name, description);
            Htmx.redirect(ctx, "/agents/" + agent.id());
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            ctx.render(Htmx.isRequest(ctx) ? "agents/new :: agent-form" : "agents/new", formModel(name, description, e.errors()));
        }
    }

    private void settings(Context ctx) {
        settingsPage.render(ctx, Sessions.requireUser(ctx), Map.of());
    }

    private void update(Context ctx) {
        SessionUser user = Sessions.requireUser(ctx);
        Agent agent = AgentScope.agent(ctx);
        String name = ctx.formParam("name");
        String description = ctx.formParam("description");
        Map<String, Object> model = new HashMap<>();
        try {
            agent = agents.update(user.id(), agent.id(), name, description);
            AgentScope.replace(ctx, agent);
            model.putAll(formModel(agent.name(), agent.description(), Map.of()));
            model.put("notice", "Saved: the agent is now called \u201c" + agent.name() + "\u201d.");
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            model.putAll(formModel(name, description, e.errors()));
        }
        if (!Htmx.isRequest(ctx)) {
            settingsPage.render(ctx, user, model);
            return;
        }
        model.put("agent", agent);
        ctx.render("agents/settings :: details-form", model);
    }

    private void delete(Context ctx) {
        agents.delete(Sessions.requireUser(ctx).id(), AgentScope.agent(ctx).id());
        Htmx.redirect(ctx, "/");
    }

    private void tab(Context ctx, String template, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("agent", AgentScope.agent(ctx));
        model.put("tab", template.substring(template.indexOf('/') + 1));
        ctx.render(template, model);
    }

    static Map<String, Object> formModel(String name, String description, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", name == null ? "" : name);
        model.put("description", description == null ? "" : description);
        model.put("errors", errors);
        return model;
    }
}
