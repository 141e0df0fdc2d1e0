package agento.web.cache;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Enumeration;

/**
 * Everything of a request a page may be drawn from: the session (and who is signed in to it), where the request
 * comes from, the address and every request header with its value. Two requests with equal keys get the same answer from the same data.
 */
record PageKey(String session, Object user, String from, String path, String query, String headers) {
    private static final int TYPICAL_HEADERS_CHARS = 512;

    static PageKey of(Context ctx, HttpSession session, Object user) {
        HttpServletRequest req = ctx.req();
        StringBuilder headers = new StringBuilder(TYPICAL_HEADERS_CHARS);
        Enumeration<String> names = req.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = req.getHeaders(name);
            while (values.hasMoreElements()) {
                headers.append(name).append(": ").append(values.nextElement()).append('\n');
            }
        }
        return new PageKey(session.getId(), user, req.getRemoteAddr(), req.getRequestURI(), req.getQueryString(),
                headers.toString());
    }

    /** Never the session id or the headers' values: a key in a log would give the session away. */
    @Override
    public String toString() {
        return "PageKey[" + path + "]";
    }

    /** Roughly what the key holds in memory, in bytes. */
    int weight() {
        return 2 * (session.length() + from.length() + path.length() + (query == null ? 0 : query.length())
                + headers.length()) + 128;
    }
}
