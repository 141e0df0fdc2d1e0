package agento.agents;

import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.Endpoint;
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
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || !(endpoint.path.equals(SCOPED) || endpoint.path.startsWith(SCOPED + "/"))) {
            return;
        }
        SessionUser user = Sessions.user(ctx);
        if (user == null) {
            return; // the route guard has already sent this request to sign in
        }
        long agentId = agentId(ctx);
        try {
            ctx.attribute(ATTRIBUTE, agents.get(user.id(), agentId));
        } catch (AgentNotFoundException e) {
            log.warn("security: user id={} asked for agent id={} ({} {}), which is not theirs or does not exist: 404",
                    user.id(), agentId, ctx.method(), ctx.path());
            throw e;
        }
    }

    /** The {id} path parameter; anything but a positive number is simply not found. */
    private static long agentId(Context ctx) {
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
}
