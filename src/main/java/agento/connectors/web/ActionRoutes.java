package agento.connectors.web;

import agento.connectors.core.Action;
import agento.connectors.core.ActionInput;
import agento.connectors.core.ActionService;
import agento.connectors.core.Connector;
import agento.connectors.core.ConnectorService;
import agento.connectors.run.ActionRunner;
import agento.connectors.run.RunResult;
import agento.web.Htmx;
import agento.web.Role;
import agento.web.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** A connector's actions: add (on the connector's page), the action's page with Test, edit, delete. */
public final class ActionRoutes implements RouteTable {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String BASE = "/connectors/{cid}/actions";

    private final ConnectorService connectors;
    private final ActionService actions;
    private final ActionRunner runner;

    public ActionRoutes(ConnectorService connectors, ActionService actions, ActionRunner runner) {
        this.connectors = connectors;
        this.actions = actions;
        this.runner = runner;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(BASE, this::create, Role.SIGNED_IN);
        routes.get(BASE + "/{aid}", ctx -> ctx.render("connectors/action", pageModel(ctx, null, Map.of())),
                Role.SIGNED_IN);
        routes.get(BASE + "/{aid}/edit", ctx -> ctx.render("connectors/action-edit", editModel(ctx,
                ActionInput.of(ConnectorScope.action(ctx)), Map.of())), Role.SIGNED_IN);
        routes.post(BASE + "/{aid}", this::update, Role.SIGNED_IN);
        routes.get(BASE + "/{aid}/delete", ctx -> ctx.render("connectors/delete", Forms.model("what", "action",
                "thing", ConnectorScope.action(ctx).name(), "back", actionPath(ctx))), Role.SIGNED_IN);
        routes.post(BASE + "/{aid}/delete", ctx -> {
            Connector connector = ConnectorScope.connector(ctx);
            actions.delete(connector, ConnectorScope.action(ctx).id());
            Htmx.redirect(ctx, "/connectors/" + connector.id());
        }, Role.SIGNED_IN);
        routes.post(BASE + "/{aid}/test", this::test, Role.SIGNED_IN);
    }

    private void create(Context ctx) {
        Connector connector = ConnectorScope.connector(ctx);
        ActionInput input = Forms.action(ctx, "");
        Forms.save(ctx, () -> "/connectors/" + connector.id() + "/actions/" + actions.create(connector, input).id(),
                "/connectors/" + connector.id() + "#new-action-heading", "connectors/show :: action-form",
                errors -> showModel(connector, actions, input, errors), "input", "errors");
    }

    private void update(Context ctx) {
        Connector connector = ConnectorScope.connector(ctx);
        ActionInput input = Forms.action(ctx, "");
        Forms.save(ctx, () -> {
            actions.update(connector, ConnectorScope.action(ctx).id(), input);
            return actionPath(ctx);
        }, actionPath(ctx) + "/edit", "connectors/action-edit :: action-form", errors -> editModel(ctx, input, errors),
                "input", "errors");
    }

    private void test(Context ctx) {
        Map<String, String> inputs = Forms.inputs(ctx);
        RunResult result = runner.run(ConnectorRoutes.owner(ctx), ConnectorScope.action(ctx).id(), inputs);
        ctx.render(Htmx.isRequest(ctx) ? "connectors/action :: test-area" : "connectors/action",
                pageModel(ctx, result, inputs));
    }

    static Map<String, Object> showModel(Connector connector, ActionService actions, ActionInput input,
                                         Map<String, String> errors) {
        return Forms.model("connector", connector, "actions", actions.list(connector), "input", input,
                "errors", errors, "methods", METHODS, "usedBy", actions.usedBy(connector));
    }

    private Map<String, Object> pageModel(Context ctx, RunResult result, Map<String, String> inputs) {
        Action action = ConnectorScope.action(ctx);
        Map<String, Object> model = Forms.model("connector", ConnectorScope.connector(ctx), "action", action,
                "inputs", inputs, "runs", runner.history(ConnectorRoutes.owner(ctx), action.id()));
        if (result != null) {
            model.put("result", result);
            model.put("resultHeaders", headers(result));
        }
        return model;
    }

    private Map<String, Object> editModel(Context ctx, ActionInput input, Map<String, String> errors) {
        return Forms.model("connector", ConnectorScope.connector(ctx), "action", ConnectorScope.action(ctx),
                "input", input, "errors", errors, "methods", METHODS);
    }

    private static String headers(RunResult result) {
        StringBuilder text = new StringBuilder();
        result.headers().forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
        return text.toString();
    }

    private static String actionPath(Context ctx) {
        return "/connectors/" + ConnectorScope.connector(ctx).id() + "/actions/" + ConnectorScope.action(ctx).id();
    }
}
