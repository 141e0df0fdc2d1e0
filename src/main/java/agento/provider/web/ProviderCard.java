package agento.provider.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.agents.SectionCard;
import agento.agents.SettingsPage;
import agento.agents.SettingsSection;
import agento.provider.oauth.OAuthSignIn;
import agento.web.SessionUser;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The AI Provider section of the Settings tab; its card answers through {@link SectionCard}. */
public final class ProviderCard implements SettingsSection {
    private final ConnectionViews views;
    private final OAuthSignIn oauth;
    private final SectionCard card;

    public ProviderCard(ConnectionViews views, OAuthSignIn oauth, SettingsPage settingsPage) {
        this.views = views;
        this.oauth = oauth;
        this.card = new SectionCard(this, settingsPage, "agents/settings/provider :: provider-card", "provider");
    }

    @Override
    public String id() {
        return "ai-provider";
    }

    @Override
    public String heading() {
        return "AI Provider";
    }

    @Override
    public String template() {
        return "agents/settings/provider";
    }

    @Override
    public String fragment() {
        return "provider-section";
    }

    @Override
    public Map<String, Object> model(SessionUser user, Agent agent) {
        Map<String, Object> model = new HashMap<>();
        ConnectionView conn = views.of(agent);
        model.put("conn", conn);
        model.put("providerErrors", Map.of());
        oauth.latestFlow(user.id(), agent.id()).ifPresent(flow -> {
            if (flow.usedAt() == null) {
                model.put("flowPending", true);
            } else if ("failed".equals(flow.outcome())
                    && (conn.changedAt() == null || !flow.createdAt().isBefore(conn.changedAt()))) {
                model.put("flowFailure", flow.outcomeDetail());
            }
        });
        return model;
    }

    void act(Context ctx, Runnable action, String notice) {
        card.act(ctx, action, notice);
    }

    void act(Context ctx, Supplier<String> action) {
        card.act(ctx, action);
    }

    /** Show all: the card with every Activity line. */
    void renderAllActivity(Context ctx) {
        render(ctx, Map.of("conn", views.of(AgentScope.agent(ctx), true)));
    }

    void render(Context ctx, Map<String, Object> extra) {
        card.render(ctx, extra);
    }
}
