package agento.channels.telegram.web;

import agento.agents.AgentScope;
import agento.channels.telegram.bots.TelegramBots;
import agento.channels.telegram.pairing.Pairing;
import agento.web.Role;
import agento.web.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** The Telegram card's routes: connect, check, use here, disconnect, policy, and the people who may talk. */
public final class TelegramRoutes implements RouteTable {
    private static final String BASE = "/agents/{id}/telegram";

    private final TelegramCard card;
    private final TelegramBots bots;
    private final Pairing pairing;

    public TelegramRoutes(TelegramCard card, TelegramBots bots, Pairing pairing) {
        this.card = card;
        this.bots = bots;
        this.pairing = pairing;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/agents/{id}/settings/telegram", ctx -> card.render(ctx, Map.of()), Role.SIGNED_IN);
        routes.get("/agents/{id}/settings/telegram/pending", card::renderPending, Role.SIGNED_IN);
        routes.post(BASE + "/connect", ctx -> card.act(ctx,
                () -> bots.connect(AgentScope.agent(ctx), ctx.formParam("botToken")), "Saved."), Role.SIGNED_IN);
        routes.post(BASE + "/check", ctx -> card.act(ctx,
                () -> bots.checkAgain(AgentScope.agent(ctx)), "Checked with Telegram."), Role.SIGNED_IN);
        routes.post(BASE + "/use-here", ctx -> card.act(ctx,
                () -> bots.useHere(AgentScope.agent(ctx)), "The webhook was removed."), Role.SIGNED_IN);
        routes.post(BASE + "/disconnect", ctx -> card.act(ctx,
                () -> bots.disconnect(AgentScope.agent(ctx)), "Telegram was disconnected."), Role.SIGNED_IN);
        routes.post(BASE + "/policy", ctx -> card.act(ctx,
                () -> bots.setPolicy(AgentScope.agent(ctx), ctx.formParam("policy")), "Saved."), Role.SIGNED_IN);
        routes.post(BASE + "/users", ctx -> card.act(ctx,
                () -> pairing.add(agentId(ctx), ctx.formParam("userId"), owner(ctx)), "Added."), Role.SIGNED_IN);
        routes.post(BASE + "/users/{user}/approve", ctx -> card.act(ctx,
                () -> pairing.approve(agentId(ctx), ctx.pathParam("user"), owner(ctx)), "Approved."), Role.SIGNED_IN);
        routes.post(BASE + "/users/{user}/deny", ctx -> card.act(ctx,
                () -> pairing.deny(agentId(ctx), ctx.pathParam("user")), "Denied."), Role.SIGNED_IN);
        routes.post(BASE + "/users/{user}/remove", ctx -> card.act(ctx,
                () -> pairing.remove(agentId(ctx), ctx.pathParam("user")), "Removed."), Role.SIGNED_IN);
    }

    private static long agentId(Context ctx) {
        return AgentScope.agent(ctx).id();
    }

    private static boolean owner(Context ctx) {
        return ctx.formParam("owner") != null;
    }
}
