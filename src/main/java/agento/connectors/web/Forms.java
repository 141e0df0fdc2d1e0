package agento.connectors.web;

import agento.common.InvalidInputException;
import agento.connectors.core.ActionInput;
import agento.connectors.core.ConnectorInput;
import agento.web.Htmx;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads the connector and action forms, and runs a save: redirect when it worked, the form with messages when not. */
final class Forms {
    private Forms() {}

    static ConnectorInput connector(Context ctx) {
        return new ConnectorInput(p(ctx, "name"), p(ctx, "description"), p(ctx, "baseUrl"), p(ctx, "authType"),
                p(ctx, "apiKeyIn"), p(ctx, "headerKey"), p(ctx, "headerPattern"), p(ctx, "queryName"),
                p(ctx, "apiKey"), p(ctx, "username"), p(ctx, "password"), p(ctx, "token"));
    }

    static ActionInput action(Context ctx, String prefix) {
        return new ActionInput(p(ctx, prefix + "name"), p(ctx, prefix + "description"), p(ctx, prefix + "method"),
                p(ctx, prefix + "path"), p(ctx, prefix + "query"), p(ctx, prefix + "headers"), p(ctx, prefix + "body"));
    }

    /** Values typed for variables the form asked for: fields {@code newVar.NAME}. */
    static Map<String, String> newVariables(Context ctx) {
        return prefixed(ctx, "newVar.");
    }

    /** Values for the {@code {{input.x}}} of an action: fields {@code input.x}. */
    static Map<String, String> inputs(Context ctx) {
        return prefixed(ctx, "input.");
    }

    private static Map<String, String> prefixed(Context ctx, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, list) -> {
            if (name.startsWith(prefix) && !list.isEmpty()) {
                values.put(name.substring(prefix.length()), list.get(0));
            }
        });
        return values;
    }

    /**
     * Runs {@code save}; on success goes to the address it returns, on bad input shows {@code page} (or, for htmx,
     * {@code fragment}: "template :: name") with the model {@code onError} builds from the errors, status 422.
     */
    static void save(Context ctx, java.util.function.Supplier<String> save, String page, String fragment,
                     Function<Map<String, String>, Map<String, Object>> onError) {
        String next;
        try {
            next = save.get();
        } catch (InvalidInputException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            ctx.render(Htmx.isRequest(ctx) ? fragment : page, onError.apply(e.errors()));
            return;
        }
        Htmx.redirect(ctx, next);
    }

    static Map<String, Object> model(Object... pairs) {
        Map<String, Object> model = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            model.put((String) pairs[i], pairs[i + 1]);
        }
        return model;
    }

    private static String p(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
