package agento.web;

import io.javalin.http.Context;

/** What the server needs to know about htmx requests. */
public final class Htmx {
    private Htmx() {}

    public static boolean isRequest(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    /** Full navigation for htmx (HX-Redirect) and a plain 303 for form posts. */
    public static void redirect(Context ctx, String path) {
        if (isRequest(ctx)) {
            ctx.header("HX-Redirect", path);
            ctx.status(204);
        } else {
            ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }
}
