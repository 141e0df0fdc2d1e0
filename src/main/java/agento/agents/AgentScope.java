package agento.agents;

import agento.web.PathScope;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-request agent: every route under {@code /agents/{id}} loads and authorizes its agent once, before the
 * handler runs (another user's id, or no such agent: 404), and handlers read it with {@link #agent(Context)}.
 */
public final class AgentScope {
    private static final Logger log = LoggerFactory.getLogger(AgentScope.class);
    private static final String ATTRIBUTE = "agento.agent";
    private static final String SCOPED = "/agents/{id}";

    private final AgentService agents;

    AgentScope(AgentService agents) {
        this.agents = agents;
    }

    /** Registered after the route guard, so the user is signed in when a scoped handler runs. */
    void register(RoutesConfig routes) {
        routes.beforeMatched(this::load);
    }

    /** The agent of this {@code /agents/{id}} request, already authorized for the signed-in user. */
    public static Agent agent(Context ctx) {
        Agent agent = ctx.attribute(ATTRIBUTE);
        if (agent == null) {
            throw new IllegalStateException("no agent in scope for " + ctx.path());
        }
        return agent;
    }

    /** After an update, handlers and sections of the same request see the new values. */
    public static void replace(Context ctx, Agent agent) {
        ctx.attribute(ATTRIBUTE, agent);
    }

    private void load(Context ctx) {
        if (!PathScope.covers(ctx, SCOPED)) {
            return;
        }
        long userId = Sessions.requireUser(ctx).id();
        long agentId = PathScope.id(ctx, "id");
        try {
            ctx.attribute(ATTRIBUTE, agents.get(userId, agentId));
        } catch (AgentNotFoundException e) {
            log.warn("security: user id={} asked for agent id={} ({} {}), which is not theirs or does not exist: 404",
                    userId, agentId, ctx.method(), ctx.path());
            throw e;
        }
    }
}
