package agento.provider.web;

import agento.agents.AgentScope;
import agento.provider.apikey.ApiKeyConnections;
import agento.provider.core.ConnectionTest;
import agento.provider.core.ModelChoice;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.cache.Cached;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** The AI Provider card of the Settings tab: API key, Test connection (both methods), Remove Key, model. */
public final class ProviderRoutes implements RouteTable {
    private final ProviderCard card;
    private final ApiKeyConnections apiKeys;
    private final ConnectionTest test;
    private final ModelChoice models;

    public ProviderRoutes(ProviderCard card, ApiKeyConnections apiKeys, ConnectionTest test, ModelChoice models) {
        this.card = card;
        this.apiKeys = apiKeys;
        this.test = test;
        this.models = models;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}/settings/provider", ctx -> card.render(ctx,
                Map.of("useApiKey", "api-key".equals(ctx.queryParam("use")))), Role.SIGNED_IN, Cached.PAGE);
        routes.get("/agents/{id}/settings/provider/activity", card::renderAllActivity, Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/api-key", ctx -> card.act(ctx,
                () -> apiKeys.save(AgentScope.agent(ctx), ctx.formParam("apiKey")), "Saved."), Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/test", ctx -> card.act(ctx,
                () -> test.run(AgentScope.agent(ctx)), "Checked with OpenAI."), Role.SIGNED_IN);
        routes.get("/agents/{id}/connection/remove-key", ctx -> card.render(ctx, Map.of("confirmRemove", true)),
                Role.SIGNED_IN);
        routes.post("/agents/{id}/connection/remove-key", ctx -> card.act(ctx,
                () -> apiKeys.remove(AgentScope.agent(ctx)), "The API key was removed."), Role.SIGNED_IN);
        routes.post("/agents/{id}/model", ctx -> card.act(ctx,
                () -> AgentScope.replace(ctx, models.choose(AgentScope.agent(ctx), ctx.formParam("model"))),
                "Model saved."), Role.SIGNED_IN);
    }
}
