package agento.provider.web;

import agento.agents.AgentScope;
import agento.common.InvalidInputException;
import agento.provider.oauth.DeviceSignIn;
import agento.provider.openai.DeviceAuthClient;
import agento.provider.openai.OAuthFailure;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** Sign in with a code: get a code, Cancel, and the card's poll (204 while the code waits, else the new card). */
public final class DeviceRoutes implements RouteTable {
    private final DeviceSignIn device;
    private final ProviderCard card;

    public DeviceRoutes(DeviceSignIn device, ProviderCard card) {
        this.device = device;
        this.card = card;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/agents/{id}/oauth/device/start", ctx -> card.act(ctx, () -> start(ctx),
                "Enter the code at OpenAI; this card updates by itself when you are done."), Role.SIGNED_IN);
        routes.post("/agents/{id}/oauth/device/cancel", ctx -> card.act(ctx,
                () -> device.cancel(AgentScope.agent(ctx)), "Cancelled. The code no longer works here."),
                Role.SIGNED_IN);
        routes.get("/agents/{id}/oauth/device/status", this::status, Role.SIGNED_IN);
    }

    private void start(Context ctx) {
        try {
            device.start(AgentScope.agent(ctx), Sessions.binding(ctx));
        } catch (OAuthFailure e) {
            throw new InvalidInputException("device", message(e));
        }
    }

    private void status(Context ctx) {
        if (card.devicePending(Sessions.requireUser(ctx), AgentScope.agent(ctx))) {
            ctx.status(HttpStatus.NO_CONTENT);
        } else {
            card.render(ctx, Map.of());
        }
    }

    private static String message(OAuthFailure e) {
        if (DeviceAuthClient.NOT_AVAILABLE.equals(e.providerCode())) {
            return "Sign in with a code is not available for this client (AGENTO_OPENAI_OAUTH_CLIENT_ID): OpenAI "
                    + "answered that it does not offer it. Use Sign in with OpenAI or an API key.";
        }
        return e.kind() == OAuthFailure.Kind.TRANSIENT
                ? "OpenAI could not be reached to get a code. Try again in a moment."
                : "OpenAI refused to give a code (" + (e.providerCode() == null ? "rejected" : e.providerCode()) + ").";
    }
}
