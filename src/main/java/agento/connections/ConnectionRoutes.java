package agento.connections;

import agento.agents.AgentRoutes;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** The AI Provider card of the Settings tab: API key, Test connection, Remove Key, model. */
public final class ConnectionRoutes implements RouteTable {
    private final ProviderCard card;
    private final ApiKeyConnections apiKeys;
    private final OAuthConnections oauth;
    private final ConnectionStore store;
    private final ModelChoice models;

    public ConnectionRoutes(ProviderCard card, ApiKeyConnections apiKeys, OAuthConnections oauth, ConnectionStore store,
                            ModelChoice models) {
        this.card = card;
        this.apiKeys = apiKeys;
        this.oauth = oauth;
        this.store = store;
        this.models = models;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}/settings/provider", ctx -> card.render(ctx,
                Map.of("useApiKey", "api-key".equals(ctx.queryParam("use")))), Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/api-key", ctx -> card.act(ctx,
                () -> apiKeys.save(owner(ctx), AgentRoutes.agentId(ctx), ctx.formParam("apiKey")), "Saved."), Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/test", ctx -> card.act(ctx, () -> test(ctx), "Checked with OpenAI."),
                Role.SIGNED_IN);
        routes.get("/agents/{id}/connection/remove-key", ctx -> card.render(ctx, Map.of("confirmRemove", true)),
                Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/remove-key", ctx -> card.act(ctx,
                () -> apiKeys.remove(owner(ctx), AgentRoutes.agentId(ctx)), "The API key was removed."), Role.SIGNED_IN);
        routes.post("/agents/{id}/model", ctx -> card.act(ctx,
                () -> models.choose(owner(ctx), AgentRoutes.agentId(ctx), ctx.formParam("model")), "Model saved."),
                Role.SIGNED_IN);
    }

    private void test(Context ctx) {
        long agentId = AgentRoutes.agentId(ctx);
        boolean isOAuth = store.find(agentId).map(c -> c.methodEnum() == Method.OAUTH).orElse(false);
        if (isOAuth) {
            oauth.test(owner(ctx), agentId);
        } else {
            apiKeys.test(owner(ctx), agentId);
        }
    }

    private static long owner(Context ctx) {
        return Sessions.requireUser(ctx).id();
    }
}
