package agento.runtime.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.provider.core.ConnectionHealth;
import agento.runtime.chat.AgentRuntime;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.TokenBudget;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.cache.Cached;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** The Overview tab (status, connection, tokens this month) and Start, Stop, Restart from any page. */
public final class RunRoutes implements RouteTable {
    private final AgentRuntime runtime;
    private final ConnectionHealth health;
    private final Conversations conversations;

    public RunRoutes(AgentRuntime runtime, ConnectionHealth health, Conversations conversations) {
        this.runtime = runtime;
        this.health = health;
        this.conversations = conversations;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}", this::overview, Role.SIGNED_IN, Cached.PAGE);
        routes.post("/agents/{id}/start", ctx -> {
            runtime.start(AgentScope.agent(ctx));
            back(ctx);
        }, Role.SIGNED_IN);
        routes.post("/agents/{id}/stop", ctx -> {
            runtime.stop(AgentScope.agent(ctx));
            back(ctx);
        }, Role.SIGNED_IN);
        routes.post("/agents/{id}/restart", ctx -> {
            Agent agent = AgentScope.agent(ctx);
            runtime.stop(agent);
            runtime.start(agent);
            back(ctx);
        }, Role.SIGNED_IN);
    }

    private void overview(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("agent", agent);
        model.put("tab", "overview");
        model.put("connection", health.summary(agent).orElse(null));
        model.put("budget", TokenBudget.of(agent, conversations.tokensThisMonth(agent)));
        ctx.render("agents/overview", model);
    }

    /** Back to the page the button was on: the dashboard, Chat, or Overview (a fixed set, never a URL). */
    private static void back(Context ctx) {
        String from = ctx.formParam("from");
        Agent agent = AgentScope.agent(ctx);
        String target = "dashboard".equals(from) ? "/" : "chat".equals(from) ? "/agents/" + agent.id() + "/chat"
                : "/agents/" + agent.id();
        ctx.redirect(target, HttpStatus.SEE_OTHER);
    }
}
