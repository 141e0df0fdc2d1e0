package agento.channels.telegram.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.agents.SectionCard;
import agento.agents.SettingsPage;
import agento.agents.SettingsSection;
import agento.channels.telegram.bots.TelegramBot;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.web.SessionUser;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings → Channels → Telegram; its card answers through {@link SectionCard}. */
public final class TelegramCard implements SettingsSection {
    private final TelegramBots bots;
    private final Pairing pairing;
    private final SectionCard card;

    public TelegramCard(TelegramBots bots, Pairing pairing, SettingsPage settingsPage) {
        this.bots = bots;
        this.pairing = pairing;
        this.card = new SectionCard(this, settingsPage, "agents/settings/telegram :: telegram-card", "telegram");
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

    /** The Telegram user id typed in Add (the bot token never comes back). */
    @Override
    public Map<String, String> keptFields() {
        return Map.of("userId", "telegramUserId");
    }

    TelegramView view(Agent agent) {
        TelegramBot bot = bots.find(agent.id()).orElse(null);
        // disconnecting deletes the bot's people: without a bot there is nobody to list
        Pairing.People people = bot == null ? new Pairing.People(List.of(), List.of()) : pairing.people(agent.id());
        return new TelegramView(bot, people.pending(), people.approved(), agent.isRunning());
    }

    void act(Context ctx, Runnable action, String notice) {
        card.act(ctx, action, notice);
    }

    void render(Context ctx, Map<String, Object> extra) {
        card.render(ctx, extra);
    }

    /** Only the pending requests, for the list that looks for new ones while it is empty. */
    void renderPending(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        ctx.render("agents/settings/_telegram_people :: pending", Map.of("tg", view(agent), "agent", agent));
    }
}
