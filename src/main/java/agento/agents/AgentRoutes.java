package agento.agents;

import agento.common.InvalidInputException;
import agento.web.ErrorPages;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.Sessions;
import agento.web.cache.Cached;
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
        routes.get("/", this::dashboard, Role.SIGNED_IN, Cached.PAGE);
        routes.get("/agents/new", ctx -> ctx.render("agents/new", formModel("", "", Map.of())), Role.SIGNED_IN);
        routes.post("/agents", this::create, Role.SIGNED_IN);
        routes.get("/agents/{id}/settings", this::settings, Role.SIGNED_IN, Cached.PAGE);
        routes.post("/agents/{id}/details", ctx -> update(ctx, false), Role.SIGNED_IN);
        routes.post("/agents/{id}/instructions", ctx -> update(ctx, true), Role.SIGNED_IN);
        routes.get("/agents/{id}/delete", ctx -> tab(ctx, "agents/delete"), Role.SIGNED_IN);
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
            if (Htmx.isRequest(ctx)) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                ctx.render("agents/new :: agent-form", formModel(name, description, e.errors()));
            } else {
                RedirectAfterPost.redirect(ctx, "/agents/new", formModel(name, description, e.errors()));
            }
        }
    }

    private void settings(Context ctx) {
        settingsPage.render(ctx, Sessions.requireUser(ctx), Map.of());
    }

    /** The General tab's two forms: name and description ("Rename"), or instructions and token limit. */
    private void update(Context ctx, boolean instructions) {
        Agent agent = AgentScope.agent(ctx);
        AgentDetails current = AgentDetails.of(agent);
        AgentDetails details = instructions
                ? new AgentDetails(current.name(), current.description(), ctx.formParam("instructions"),
                        ctx.formParam("monthlyTokenLimit"))
                : new AgentDetails(ctx.formParam("name"), ctx.formParam("description"), current.instructions(),
                        current.monthlyTokenLimit());
        Map<String, Object> answer;
        try {
            agent = agents.update(agent, details);
            AgentScope.replace(ctx, agent);
            answer = Map.of(instructions ? "instructionsNotice" : "notice", instructions ? "Instructions saved."
                    : "Saved: the agent is now called \u201c" + agent.name() + "\u201d.");
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            answer = formModel(details, e.errors());
        }
        if (!Htmx.isRequest(ctx)) {
            RedirectAfterPost.redirect(ctx, "/agents/" + agent.id() + "/settings#general-heading", answer);
            return;
        }
        Map<String, Object> model = formModel(AgentDetails.of(agent), Map.of());
        model.putAll(answer);
        model.put("agent", agent);
        ctx.render(instructions ? "agents/settings :: instructions-form" : "agents/settings :: details-saved", model);
    }

    private void delete(Context ctx) {
        agents.delete(Sessions.requireUser(ctx).id(), AgentScope.agent(ctx).id());
        Htmx.redirect(ctx, "/");
    }

    private void tab(Context ctx, String template) {
        Map<String, Object> model = new HashMap<>();
        model.put("agent", AgentScope.agent(ctx));
        model.put("tab", template.substring(template.indexOf('/') + 1));
        ctx.render(template, model);
    }

    /** The General form's fields and their messages. */
    static Map<String, Object> formModel(AgentDetails details, Map<String, String> errors) {
        Map<String, Object> model = formModel(details.name(), details.description(), errors);
        model.put("instructions", details.instructions());
        model.put("monthlyTokenLimit", details.monthlyTokenLimit());
        return model;
    }

    static Map<String, Object> formModel(String name, String description, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", name == null ? "" : name);
        model.put("description", description == null ? "" : description);
        model.put("errors", errors);
        return model;
    }
}
