package agento.provider.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.agents.SectionCard;
import agento.agents.SettingsPage;
import agento.agents.SettingsSection;
import agento.provider.oauth.DeviceSignIn;
import agento.provider.oauth.OAuthFlow;
import agento.provider.oauth.OAuthSignIn;
import agento.web.SessionUser;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The AI Provider section of the Settings tab; its card answers through {@link SectionCard}. */
public final class ProviderCard implements SettingsSection {
    static final Duration PASTE_AFTER = Duration.ofMinutes(2);
    private final ConnectionViews views;
    private final OAuthSignIn oauth;
    private final DeviceSignIn device;
    private final SectionCard card;
    private final String baseUrl;
    private final String redirectUri;

    /** {@code baseUrl} and {@code redirectUri} (AGENTO_BASE_URL, OpenAI's redirect) for the card's hints. */
    public ProviderCard(ConnectionViews views, OAuthSignIn oauth, DeviceSignIn device, SettingsPage settingsPage,
                        String baseUrl, String redirectUri) {
        this.views = views;
        this.oauth = oauth;
        this.device = device;
        this.card = new SectionCard(this, settingsPage, "agents/settings/provider :: provider-card", "provider");
        this.baseUrl = baseUrl;
        this.redirectUri = redirectUri;
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
            if (flow.isDevice()) {
                deviceModel(model, flow, conn);
            } else if (flow.usedAt() == null) {
                model.put("flowPending", true);
                model.put("flowAge", oauth.age(flow));
            } else if ("failed".equals(flow.outcome())
                    && (conn.changedAt() == null || !flow.createdAt().isBefore(conn.changedAt()))) {
                model.put("flowFailure", flow.outcomeDetail());
            }
        });
        return model;
    }

    @Override
    public Map<String, Object> model(Context ctx, SessionUser user, Agent agent) {
        Map<String, Object> model = model(user, agent);
        SignInHints hints = SignInHints.of(ctx, baseUrl, redirectUri);
        model.put("hints", hints);
        // the paste box is for a browser OpenAI's loopback redirect cannot reach: offered at once on another
        // machine, else only once the wait has lasted (the card asks again by itself when that time comes)
        if (model.get("flowAge") instanceof Duration waited) {
            long left = (PASTE_AFTER.minus(waited).toMillis() + 999) / 1000;
            if (hints.recommendCode() || left <= 0) {
                model.put("pasteOffered", true);
            } else {
                model.put("pasteInSeconds", left);
            }
        }
        return model;
    }

    /** A sign-in with a code: its code while pending, else why it ended (unless a newer connection replaced it). */
    private void deviceModel(Map<String, Object> model, OAuthFlow flow, ConnectionView conn) {
        device.pendingCode(flow).ifPresentOrElse(code -> model.put("deviceCode", code), () -> {
            if (conn.changedAt() != null && flow.createdAt().isBefore(conn.changedAt())) {
                return;
            }
            if ("expired".equals(flow.outcome()) || flow.usedAt() == null) {
                model.put("deviceExpired", true);
            } else if ("failed".equals(flow.outcome())) {
                model.put("flowFailure", flow.outcomeDetail());
            }
        });
    }

    /** True while the agent's latest sign-in with a code has not ended (the card's htmx poll asks). */
    boolean devicePending(SessionUser user, Agent agent) {
        return oauth.latestFlow(user.id(), agent.id()).filter(device::isWaiting).isPresent();
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
