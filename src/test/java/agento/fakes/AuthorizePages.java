package agento.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** The fake authorization server's HTML: the "Authorize Agento" consent page (no JS) and its error page. */
final class AuthorizePages {

    private AuthorizePages() {}

    static void consent(HttpExchange exchange, Map<String, String> params, FakeOpenAiAuth server) throws IOException {
        String problem = server.authorizeProblem(params);
        if (problem != null) {
            error(exchange, problem);
            return;
        }
        StringBuilder hidden = new StringBuilder();
        params.forEach((name, value) -> hidden.append("    <input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        String html = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<title>Authorize Agento</title></head>\n<body>\n<h1>Authorize Agento</h1>\n"
                + "<p>Signed in as <strong id=\"account-email\">" + escape(server.email()) + "</strong></p>\n"
                + "<p>Agento wants to use your OpenAI account (" + escape(params.getOrDefault("scope", "")) + ").</p>\n"
                + "<form method=\"post\" action=\"/oauth/authorize/decision\">\n" + hidden
                + "    <button type=\"submit\" id=\"allow\" name=\"decision\" value=\"allow\">Allow</button>\n"
                + "    <button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\n"
                + "</form>\n</body>\n</html>\n";
        LoopbackServer.send(exchange, 200, "text/html", html);
    }

    static void error(HttpExchange exchange, String problem) throws IOException {
        LoopbackServer.send(exchange, 400, "text/html", "<!doctype html>\n<html lang=\"en\">\n<head>"
                + "<meta charset=\"utf-8\"><title>Authorization error</title></head>\n<body>\n"
                + "<h1>Authorization error</h1>\n<p id=\"error\">" + escape(problem) + "</p>\n</body>\n</html>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
