package agento.connectors.web;

import agento.common.InvalidInputException;
import agento.connectors.core.VariableService;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import agento.web.PathScope;
import agento.web.Role;
import agento.web.RouteTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** The Variables page: a person's secrets for connectors, write-only (only a hint is ever shown again). */
public final class VariableRoutes implements RouteTable {
    private static final String PAGE = "/connectors/variables";
    private final VariableService variables;

    public VariableRoutes(VariableService variables) {
        this.variables = variables;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PAGE, ctx -> render(ctx, "", Map.of(), 0), Role.SIGNED_IN);
        routes.post(PAGE, ctx -> act(ctx, () -> variables.create(ConnectorRoutes.owner(ctx), ctx.formParam("name"),
                ctx.formParam("value")), ctx.formParam("name"), 0), Role.SIGNED_IN);
        routes.post(PAGE + "/{vid}", ctx -> act(ctx, () -> variables.update(ConnectorRoutes.owner(ctx),
                PathScope.id(ctx, "vid"), ctx.formParam("value")), "", PathScope.id(ctx, "vid")),
                Role.SIGNED_IN);
        routes.post(PAGE + "/{vid}/delete", ctx -> act(ctx, () -> variables.delete(ConnectorRoutes.owner(ctx),
                PathScope.id(ctx, "vid")), "", PathScope.id(ctx, "vid")), Role.SIGNED_IN);
    }

    /** Runs a change; then the page again (a redirect), with the message next to the field when it was refused. */
    private void act(Context ctx, Runnable change, String typedName, long rowId) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            if (Htmx.isRequest(ctx)) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                render(ctx, typedName, e.errors(), rowId);
            } else {
                // the typed name comes back, never the value
                RedirectAfterPost.redirect(ctx, PAGE, shown(typedName, e.errors(), rowId));
            }
            return;
        }
        Htmx.redirect(ctx, PAGE);
    }

    /** {@code rowId} says which variable's row the errors belong to (0: the new-variable form). */
    private void render(Context ctx, String typedName, Map<String, String> errors, long rowId) {
        Map<String, Object> model = shown(typedName, errors, rowId);
        model.put("variables", variables.list(ConnectorRoutes.owner(ctx)));
        ctx.render(Htmx.isRequest(ctx) ? "connectors/variables :: variables-area" : "connectors/variables", model);
    }

    private static Map<String, Object> shown(String typedName, Map<String, String> errors, long rowId) {
        return Forms.model("name", typedName == null ? "" : typedName, "errors", rowId == 0 ? errors : Map.of(),
                "rowErrors", rowId == 0 ? Map.of() : errors, "rowId", rowId);
    }
}
