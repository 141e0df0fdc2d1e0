package agento.connectors.web;

import agento.common.InvalidInputException;
import agento.connectors.core.ActionInput;
import agento.connectors.core.ConnectorInput;
import agento.web.Htmx;
import agento.web.RedirectAfterPost;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

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
     * Runs {@code save}; on success goes to the address it returns. On bad input htmx gets {@code fragment}
     * ("template :: name") with the model {@code onError} builds from the errors, status 422; a plain form goes back
     * to {@code page}, which shows the entries {@code kept} of that model (messages and typed values) once.
     */
    static void save(Context ctx, Supplier<String> save, String page, String fragment,
                     Function<Map<String, String>, Map<String, Object>> onError, String... kept) {
        String next;
        try {
            next = save.get();
        } catch (InvalidInputException e) {
            Map<String, Object> model = onError.apply(e.errors());
            if (Htmx.isRequest(ctx)) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                ctx.render(fragment, model);
            } else {
                Map<String, Object> shown = new HashMap<>();
                for (String name : kept) {
                    shown.put(name, model.get(name));
                }
                RedirectAfterPost.redirect(ctx, page, shown);
            }
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
