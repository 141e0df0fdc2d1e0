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
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The dashboard and an agent's pages: Overview, Chat, Settings, rename and delete. */
public final class AgentRoutes implements RouteTable {
    private final AgentService agents;
    private final List<SettingsSection> settingsSections;

    public AgentRoutes(AgentService agents, List<SettingsSection> settingsSections) {
        this.agents = agents;
        this.settingsSections = settingsSections;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.exception(AgentNotFoundException.class, (e, ctx) -> ErrorPages.show(ctx, 404, null));
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
        SessionUser user = Sessions.requireUser(ctx);
        Agent agent = agents.get(user.id(), agentId(ctx));
        Map<String, Object> model = new HashMap<>(formModel(agent.name(), agent.description(), Map.of()));
        settingsSections.forEach(section -> model.putAll(section.model(user, agent)));
        model.put("agent", agent);
        model.put("tab", "settings");
        ctx.render("agents/settings", model);
    }

    private void update(Context ctx) {
        SessionUser user = Sessions.requireUser(ctx);
        long id = agentId(ctx);
        Agent agent = agents.get(user.id(), id);
        String name = ctx.formParam("name");
        String description = ctx.formParam("description");
        Map<String, Object> model = new HashMap<>();
        try {
            agent = agents.update(user.id(), id, name, description);
            model.putAll(formModel(agent.name(), agent.description(), Map.of()));
            model.put("notice", "Saved: the agent is now called \u201c" + agent.name() + "\u201d.");
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            model.putAll(formModel(name, description, e.errors()));
        }
        if (!Htmx.isRequest(ctx)) {
            settingsSections.forEach(section -> model.putAll(section.model(user, agents.get(user.id(), id))));
        }
        model.put("agent", agent);
        model.put("tab", "settings");
        ctx.render(Htmx.isRequest(ctx) ? "agents/settings :: details-form" : "agents/settings", model);
    }

    private void delete(Context ctx) {
        agents.delete(Sessions.requireUser(ctx).id(), agentId(ctx));
        Htmx.redirect(ctx, "/");
    }

    private void tab(Context ctx, String template, Map<String, Object> extra) {
        Agent agent = agents.get(Sessions.requireUser(ctx).id(), agentId(ctx));
        Map<String, Object> model = new HashMap<>(extra);
        model.put("agent", agent);
        model.put("tab", template.substring(template.indexOf('/') + 1));
        ctx.render(template, model);
    }

    /** The {id} path parameter; anything but a positive number is simply not found. */
    public static long agentId(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to 404
        }
        throw new NotFoundResponse();
    }

    private static Map<String, Object> formModel(String name, String description, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", name == null ? "" : name);
        model.put("description", description == null ? "" : description);
        model.put("errors", errors);
        return model;
    }
}
