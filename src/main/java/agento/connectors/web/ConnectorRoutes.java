package agento.connectors.web;

import agento.common.InvalidInputException;
import agento.connectors.core.ActionInput;
import agento.connectors.core.ActionService;
import agento.connectors.core.AuthType;
import agento.connectors.core.Connector;
import agento.connectors.core.ConnectorInput;
import agento.connectors.core.ConnectorNotFoundException;
import agento.connectors.core.ConnectorService;
import agento.connectors.core.Variable;
import agento.connectors.core.VariableService;
import agento.connectors.draft.ConnectorDraft;
import agento.connectors.draft.CurlImport;
import agento.web.ErrorPages;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The Connectors page, new (blank, from the OpenAI template, from cURL), a connector's page, edit and delete. */
public final class ConnectorRoutes implements RouteTable {
    private static final String CONNECTOR_FORM = "connectors/_connector-form :: connector-form";
    private final ConnectorService connectors;
    private final ActionService actions;
    private final VariableService variables;
    private final ConnectorScope scope;
    private final String openAiApiBase;

    public ConnectorRoutes(ConnectorService connectors, ActionService actions, VariableService variables,
                           String openAiApiBase) {
        this.connectors = connectors;
        this.actions = actions;
        this.variables = variables;
        this.scope = new ConnectorScope(connectors, actions);
        this.openAiApiBase = openAiApiBase;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.exception(ConnectorNotFoundException.class, (e, ctx) -> ErrorPages.show(ctx, 404, null));
        scope.register(routes);
        routes.get("/connectors", ctx -> ctx.render("connectors/list",
                Map.of("connectors", connectors.list(owner(ctx)))), Role.SIGNED_IN);
        routes.get("/connectors/new", this::newForm, Role.SIGNED_IN);
        routes.get("/connectors/import", ctx -> ctx.render("connectors/import", Forms.model("curl", "",
                "errors", Map.of())), Role.SIGNED_IN);
        routes.post("/connectors/import", this::importCurl, Role.SIGNED_IN);
        routes.post("/connectors", this::create, Role.SIGNED_IN);
        routes.get("/connectors/{cid}", ctx -> ctx.render("connectors/show", ActionRoutes.showModel(
                ConnectorScope.connector(ctx), actions, ActionInput.empty(), Map.of())), Role.SIGNED_IN);
        routes.get("/connectors/{cid}/edit", ctx -> ctx.render("connectors/edit", formModel(ctx,
                ConnectorInput.of(ConnectorScope.connector(ctx)), ActionInput.empty(), Map.of())), Role.SIGNED_IN);
        routes.post("/connectors/{cid}", this::update, Role.SIGNED_IN);
        routes.get("/connectors/{cid}/delete", ctx -> ctx.render("connectors/delete", Forms.model("what",
                "connector", "thing", ConnectorScope.connector(ctx).name(), "back", "/connectors/"
                        + ConnectorScope.connector(ctx).id())), Role.SIGNED_IN);
        routes.post("/connectors/{cid}/delete", ctx -> {
            connectors.delete(owner(ctx), ConnectorScope.connector(ctx).id());
            Htmx.redirect(ctx, "/connectors");
        }, Role.SIGNED_IN);
    }

    private void newForm(Context ctx) {
        ConnectorDraft draft = "openai".equals(ctx.queryParam("template"))
                ? ConnectorDraft.openAi(openAiApiBase)
                : new ConnectorDraft(ConnectorInput.empty(), ActionInput.empty());
        ctx.render("connectors/new", formModel(ctx, draft.connector(), draft.action(), Map.of()));
    }

    private void importCurl(Context ctx) {
        String curl = ctx.formParam("curl");
        try {
            ConnectorDraft draft = CurlImport.parse(curl);
            ConnectorInput shown = draft.connector().withoutSecrets(); // a pasted literal credential is not echoed
            Map<String, Object> model = formModel(ctx, shown, draft.action(), Map.of());
            model.put("notice", shown.equals(draft.connector()) ? "Imported: check the fields, then save."
                    : "Imported. The command held a credential itself: type it (or a {{VARIABLE}}) again below, "
                    + "Agento does not show secrets back.");
            ctx.render("connectors/new", model);
        } catch (InvalidInputException e) {
            if (Htmx.isRequest(ctx)) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                ctx.render("connectors/import", Forms.model("curl", curl == null ? "" : curl, "errors", e.errors()));
            } else {
                // the command is not kept across the redirect: it may hold a credential
                RedirectAfterPost.redirect(ctx, "/connectors/import", Map.of("errors", e.errors()));
            }
        }
    }

    private void create(Context ctx) {
        ConnectorInput input = Forms.connector(ctx);
        ActionInput first = Forms.action(ctx, "action.");
        Forms.save(ctx, () -> "/connectors/" + connectors.create(owner(ctx), input, Forms.newVariables(ctx), first).id(),
                "/connectors/new", CONNECTOR_FORM, errors -> formModel(ctx, input.withoutSecrets(), first, errors),
                "form", "first", "errors", "missing");
    }

    private void update(Context ctx) {
        Connector connector = ConnectorScope.connector(ctx);
        ConnectorInput input = Forms.connector(ctx);
        Forms.save(ctx, () -> "/connectors/" + connectors.update(owner(ctx), connector.id(), input,
                Forms.newVariables(ctx)).id(), "/connectors/" + connector.id() + "/edit", CONNECTOR_FORM,
                errors -> formModel(ctx, input.withoutSecrets(), ActionInput.empty(), errors), "form", "errors", "missing");
    }

    /** The connector form: values, the first action (new only), messages, and the variables it should ask for. */
    private Map<String, Object> formModel(Context ctx, ConnectorInput form, ActionInput first,
                                          Map<String, String> errors) {
        Connector editing = ConnectorScope.connectorOrNull(ctx);
        Map<String, Object> model = Forms.model("form", form, "first", first, "errors", errors,
                "authTypes", AuthType.values(), "methods", ActionRoutes.METHODS,
                "missing", new ConnectorDraft(form, first).missingVariables(variableNames(ctx)));
        if (editing != null) {
            model.put("connector", editing);
        }
        return model;
    }

    private Set<String> variableNames(Context ctx) {
        return variables.list(owner(ctx)).stream().map(Variable::name).collect(Collectors.toSet());
    }

    static long owner(Context ctx) {
        return Sessions.requireUser(ctx).id();
    }
}
