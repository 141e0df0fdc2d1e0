package agento.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty answers some requests itself, before Agento sees them (an address such as {@code /static/../../etc/passwd}
 * is refused with 400): its error page gets the same protective headers as every page of ours.
 */
final class JettyErrorHeaders extends ErrorHandler {
    private final SecurityHeaders headers;

    JettyErrorHeaders(SecurityHeaders headers) {
        this.headers = headers;
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        headers.apply(response.getHeaders()::put);
        response.getHeaders().put("Cache-Control", "no-store");
        return super.handle(request, response, callback);
    }
}
