package agento.provider.web;

import agento.agents.Agent;
import agento.agents.AgentScope;
import agento.common.InvalidInputException;
import agento.provider.oauth.CallbackRefusal;
import agento.provider.oauth.OAuthCallback;
import agento.provider.oauth.OAuthCallbackHandler;
import agento.provider.oauth.OAuthSignIn;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.SessionUser;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sign in with OpenAI: start (popup or same tab), Cancel, the callback, the popup's last page, paste, Disconnect. */
public final class OAuthRoutes implements RouteTable {
    public static final String CALLBACK_PATH = "/oauth/openai/callback";
    static final String FAILED_PATH = "/oauth/openai/failed";
    private static final String FAILURE = "oauthFailure";
    private static final String RETRY = "oauthRetry";

    private final OAuthSignIn oauth;
    private final OAuthCallbackHandler callbacks;
    private final ProviderCard card;
    private final String redirectPath;

    public OAuthRoutes(OAuthSignIn oauth, OAuthCallbackHandler callbacks, ProviderCard card, String redirectUri) {
        this.oauth = oauth;
        this.callbacks = callbacks;
        this.card = card;
        this.redirectPath = URI.create(redirectUri).getPath();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/agents/{id}/oauth/start", this::start, Role.SIGNED_IN);
        routes.get(CALLBACK_PATH, this::callback, Role.ANYONE);
        if (!CALLBACK_PATH.equals(redirectPath) && redirectPath != null && !redirectPath.isEmpty()) {
            routes.get(redirectPath, this::callback, Role.ANYONE);
        }
        routes.get("/agents/{id}/oauth/done", this::done, Role.SIGNED_IN);
        routes.get(FAILED_PATH, this::failed, Role.ANYONE);
        routes.post("/agents/{id}/oauth/paste", this::paste, Role.SIGNED_IN);
        routes.post("/agents/{id}/oauth/cancel", ctx -> card.act(ctx, () -> oauth.cancel(AgentScope.agent(ctx))
                ? "Sign-in cancelled. Its answer from OpenAI, if one still comes, is refused."
                : "There was no sign-in waiting."), Role.SIGNED_IN);
        routes.get("/agents/{id}/oauth/disconnect", ctx -> card.render(ctx, Map.of("confirmDisconnect", true)),
                Role.SIGNED_IN);
        routes.post("/agents/{id}/oauth/disconnect", ctx -> card.act(ctx, () ->
                oauth.disconnect(AgentScope.agent(ctx))
                        ? "Disconnected. OpenAI confirmed that Agento's access was revoked."
                        : "Disconnected here, but Agento could not confirm the revocation with OpenAI. You can also "
                        + "remove Agento's access in your OpenAI account settings."), Role.SIGNED_IN);
    }

    private void start(Context ctx) {
        boolean popup = "popup".equals(ctx.formParam("mode"));
        String url = oauth.start(AgentScope.agent(ctx), Sessions.binding(ctx), popup);
        if (popup) {
            ctx.json(Map.of("authorizeUrl", url));
        } else {
            ctx.redirect(url, HttpStatus.SEE_OTHER);
        }
    }

    private void callback(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        SessionUser user = Sessions.user(ctx);
        OAuthCallback callback = new OAuthCallback(ctx.queryParam("state"), ctx.queryParam("code"),
                ctx.queryParam("error"), ctx.queryParam("error_description"), ctx.queryParam("iss")).withoutBlanks();
        OAuthCallbackHandler.Result result = callbacks.complete(user == null ? null : user.id(),
                Sessions.existingBinding(ctx), callback);
        // the code leaves the address bar: every outcome is a redirect
        if (result.agentId() == null && user == null && result.refusal() != null) {
            // signed in as no one: the page is addressed by the refusal, no session is made to carry a message
            String retry = callbacks.agentToRetry(null, callback.state()).map(agent -> "&agent=" + agent).orElse("");
            ctx.redirect(FAILED_PATH + "?why=" + result.refusal().slug() + retry, HttpStatus.SEE_OTHER);
        } else if (result.agentId() == null) {
            Sessions.flash(ctx, FAILURE, result.message());
            Sessions.flash(ctx, RETRY, callbacks.agentToRetry(user == null ? null : user.id(), callback.state())
                    .map(OAuthRoutes::settingsOf).orElse(null));
            ctx.redirect(FAILED_PATH, HttpStatus.SEE_OTHER);
        } else if (result.popup()) {
            ctx.redirect("/agents/" + result.agentId() + "/oauth/done", HttpStatus.SEE_OTHER);
        } else {
            ctx.redirect(settingsOf(result.agentId()), HttpStatus.SEE_OTHER);
        }
    }

    private void done(Context ctx) {
        Agent agent = AgentScope.agent(ctx);
        Map<String, Object> model = card.model(Sessions.requireUser(ctx), agent);
        model.put("agent", agent);
        ctx.render("oauth/done", model);
    }

    private void failed(Context ctx) {
        String message = Sessions.flashed(ctx, FAILURE);
        // Try again: back to the agent's Settings when its attempt is known, else to the agents
        String retry = Sessions.flashed(ctx, RETRY);
        Optional<CallbackRefusal> refusal = CallbackRefusal.ofSlug(ctx.queryParam("why"));
        if (message == null && refusal.isPresent()) { // a browser signed in as no one: only fixed texts, a number
            message = refusal.get().message();
            retry = agentParam(ctx).map(OAuthRoutes::settingsOf).orElse(null);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("message", message == null ? "The sign-in did not complete." : message);
        model.put("retry", retry == null ? "/" : retry);
        ctx.render("oauth/failed", model);
    }

    private static Optional<Long> agentParam(Context ctx) {
        String agent = ctx.queryParam("agent");
        return agent != null && agent.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(agent)) : Optional.empty();
    }

    private static String settingsOf(long agentId) {
        return "/agents/" + agentId + "/settings";
    }

    /** The pasted address is never shown back: it carries the authorization code. */
    private void paste(Context ctx) {
        card.act(ctx, () -> {
            OAuthCallbackHandler.Result result = callbacks.completePasted(AgentScope.agent(ctx), Sessions.binding(ctx),
                    ctx.formParam("callbackUrl"));
            if (!result.connected()) {
                throw new InvalidInputException("callbackUrl", result.message());
            }
            return result.message();
        });
    }
}
