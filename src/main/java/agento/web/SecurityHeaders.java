package agento.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.function.BiConsumer;

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
        apply(ctx::header);
        if (!ctx.path().startsWith("/static/") && !ctx.path().startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** The headers every response carries, set through {@code header}. */
    void apply(BiConsumer<String, String> header) {
        header.accept("Content-Security-Policy", contentSecurityPolicy);
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Referrer-Policy", "no-referrer");
    }
}
