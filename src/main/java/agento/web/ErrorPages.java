package agento.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Friendly error pages; a stack trace goes to the log with an incident id, never to the browser. */
public final class ErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final Map<Integer, String[]> TEXTS = Map.of(
            403, new String[] {"This request was refused",
                "The form was stale or incomplete, so nothing was changed. Reload the page and try again."},
            404, new String[] {"Page not found", "There is nothing here, or it is not yours to see."},
            405, new String[] {"That action is not available here",
                "This address does not accept that kind of request. Use the buttons on the page."},
            413, new String[] {"That was too much to send", "The form was larger than Agento accepts, so nothing was changed."},
            415, new String[] {"That kind of form is not accepted",
                "Agento's forms send plain text in UTF-8; this request was sent another way, so nothing was changed."},
            400, new String[] {"That request could not be read", "Nothing was changed. Go back and try again."},
            500, new String[] {"Something went wrong", "Agento hit an unexpected problem and nothing was changed. Try again."});

    private ErrorPages() {}

    static void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> show(ctx, e.getStatus(), null));
        routes.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            // class and stack only: messages of library exceptions may quote input
            log.error("incident {} on {} {}: {}", incident, ctx.method(), ctx.path(), e.getClass().getName(), stripMessage(e));
            show(ctx, 500, incident);
        });
        for (int status : new int[] {400, 404, 405, 413, 415}) {
            routes.error(status, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("<!DOCTYPE")) {
                    show(ctx, status, null);
                }
            });
        }
    }

    /** Renders the error page for {@code status}. */
    public static void show(Context ctx, int status, String incident) {
        String[] text = TEXTS.getOrDefault(status, TEXTS.get(500));
        Map<String, Object> model = new HashMap<>();
        model.put("heading", text[0]);
        model.put("message", text[1]);
        model.put("incident", incident);
        ctx.status(status);
        ctx.header("Cache-Control", "no-store"); // also for a missing file under /static/
        ctx.render("errors/error", model);
    }

    /** The same throwable without messages, so a logged trace cannot carry a secret that was in one. */
    private static Throwable stripMessage(Throwable e) {
        Throwable clean = new Throwable(e.getClass().getName());
        clean.setStackTrace(e.getStackTrace());
        if (e.getCause() != null && e.getCause() != e) {
            clean.initCause(stripMessage(e.getCause()));
        }
        return clean;
    }
}
