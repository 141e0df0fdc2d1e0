package agento.web;

import io.javalin.http.Context;
import java.net.URI;

/** Headers on every response: a CSP without inline scripts, no framing, no sniffing, no referrer. */
final class SecurityHeaders {
    private final String contentSecurityPolicy;

    /** {@code formTargets} are origins a plain form may be redirected to (the OAuth authorization server). */
    SecurityHeaders(String... formTargets) {
        StringBuilder formAction = new StringBuilder("'self'");
        for (String target : formTargets) {
            URI uri = URI.create(target);
            formAction.append(' ').append(uri.getScheme()).append("://").append(uri.getRawAuthority());
        }
        contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action "
                + formAction;
    }

    void apply(Context ctx) {
        ctx.header("Content-Security-Policy", contentSecurityPolicy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
