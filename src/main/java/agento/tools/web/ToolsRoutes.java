package agento.tools.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.tools.core.AgentToolService;
import agento.web.Role;
import agento.web.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Save tools: {@code tool-<action id>} ticked lets the agent use the action, {@code ask-<action id>} ticked makes it
 * ask before running, {@code maxToolCalls} is the calls one reply may make.
 */
public final class ToolsRoutes implements RouteTable {
    private final ToolsCard card;
    private final AgentToolService tools;

    public ToolsRoutes(ToolsCard card, AgentToolService tools) {
        this.card = card;
        this.tools = tools;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/agents/{id}/tools", this::save, Role.SIGNED_IN);
    }

    private void save(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        Map<Long, Boolean> chosen = new LinkedHashMap<>();
        ctx.formParamMap().keySet().forEach(field -> {
            Long id = id(field, "tool-");
            if (id != null) {
                chosen.put(id, ctx.formParamMap().containsKey("ask-" + id));
            }
        });
        String maxCalls = ctx.formParam("maxToolCalls");
        card.act(ctx, () -> {
            tools.save(agent, chosen, maxCalls);
            return chosen.isEmpty() ? "Tools saved: this agent uses no tools."
                    : "Tools saved: this agent may use " + chosen.size() + " tool" + (chosen.size() == 1 ? "" : "s")
                    + ".";
        });
    }

    private static Long id(String field, String prefix) {
        if (!field.startsWith(prefix)) {
            return null;
        }
        try {
            return Long.parseLong(field.substring(prefix.length()));
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }
}
