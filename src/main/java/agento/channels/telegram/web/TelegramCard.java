package agento.channels.telegram.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.agents.SettingsPage;
import agento.agents.SettingsSection;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.common.InvalidInputException;
import agento.web.Htmx;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** Settings → Channels → Telegram: alone for htmx (the card targets itself), inside the whole Settings tab otherwise. */
public final class TelegramCard implements SettingsSection {
    private final TelegramBots bots;
    private final Pairing pairing;
    private final SettingsPage settingsPage;

    public TelegramCard(TelegramBots bots, Pairing pairing, SettingsPage settingsPage) {
        this.bots = bots;
        this.pairing = pairing;
        this.settingsPage = settingsPage;
    }

    @Override
    public String id() {
        return "channels";
    }

    @Override
    public String heading() {
        return "Channels";
    }

    @Override
    public String template() {
        return "agents/settings/telegram";
    }

    @Override
    public String fragment() {
        return "telegram-section";
    }

    @Override
    public Map<String, Object> model(SessionUser user, Agent agent) {
        Map<String, Object> model = new HashMap<>();
        model.put("tg", view(agent));
        model.put("telegramErrors", Map.of());
        return model;
    }

    TelegramView view(Agent agent) {
        return new TelegramView(bots.find(agent.id()).orElse(null), pairing.pending(agent.id()),
                pairing.approved(agent.id()), agent.isRunning());
    }

    /** Runs one service call, then shows the card (htmx) or goes back to the Settings tab (plain form). */
    void act(Context ctx, Runnable action, String notice) {
        try {
            action.run();
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            render(ctx, Map.of("telegramErrors", e.errors()));
            return;
        }
        if (Htmx.isRequest(ctx)) {
            render(ctx, Map.of("telegramNotice", notice));
        } else {
            ctx.redirect("/agents/" + AgentScope.agent(ctx).id() + "/settings#channels-heading", HttpStatus.SEE_OTHER);
        }
    }

    /** The card alone for htmx, else the whole Settings tab; {@code extra} overrides the card's model. */
    void render(Context ctx, Map<String, Object> extra) {
        SessionUser user = Sessions.requireUser(ctx);
        if (!Htmx.isRequest(ctx)) {
            settingsPage.render(ctx, user, extra);
            return;
        }
        Agent agent = AgentScope.agent(ctx);
        Map<String, Object> model = model(user, agent);
        model.putAll(extra);
        model.put("agent", agent);
        ctx.render("agents/settings/telegram :: telegram-card", model);
    }

    /** Only the pending requests, for the list that looks for new ones while it is empty. */
    void renderPending(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        ctx.render("agents/settings/_telegram_people :: pending", Map.of("tg", view(agent), "agent", agent));
    }
}
