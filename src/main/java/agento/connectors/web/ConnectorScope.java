package agento.connectors.web;

import agento.connectors.core.Action;
import agento.connectors.core.ActionService;
import agento.connectors.core.Connector;
import agento.connectors.core.ConnectorNotFoundException;
import agento.connectors.core.ConnectorService;
import agento.web.PathScope;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Every route under {@code /connectors/{cid}} loads and authorizes its connector once (and its action under
 * {@code /actions/{aid}}): another person's, or none, is 404 for every method.
 */
final class ConnectorScope {
    private static final String CONNECTOR = "agento.connector";
    private static final String ACTION = "agento.action";
    private static final String SCOPED = "/connectors/{cid}";

    private final ConnectorService connectors;
    private final ActionService actions;

    ConnectorScope(ConnectorService connectors, ActionService actions) {
        this.connectors = connectors;
        this.actions = actions;
    }

    void register(RoutesConfig routes) {
        routes.beforeMatched(this::load);
    }

    static Connector connector(Context ctx) {
        Connector connector = ctx.attribute(CONNECTOR);
        if (connector == null) {
            throw new IllegalStateException("no connector in scope for " + ctx.path());
        }
        return connector;
    }

    /** The connector of a scoped request, or null outside {@code /connectors/{cid}}. */
    static Connector connectorOrNull(Context ctx) {
        return ctx.attribute(CONNECTOR);
    }

    static Action action(Context ctx) {
        Action action = ctx.attribute(ACTION);
        if (action == null) {
            throw new IllegalStateException("no action in scope for " + ctx.path());
        }
        return action;
    }

    private void load(Context ctx) {
        if (!PathScope.covers(ctx, SCOPED)) {
            return;
        }
        Connector connector = connectors.get(Sessions.requireUser(ctx).id(), PathScope.id(ctx, "cid"));
        ctx.attribute(CONNECTOR, connector);
        if (ctx.endpoints().matchedHttpEndpoint().path.contains("{aid}")) {
            Action action = actions.get(connector.ownerId(), PathScope.id(ctx, "aid"));
            if (action.connectorId() != connector.id()) {
                throw new ConnectorNotFoundException();
            }
            ctx.attribute(ACTION, action);
        }
    }
}
