package agento.connectors.draft;

import agento.common.InvalidInputException;
import agento.connectors.core.ActionInput;
import agento.connectors.core.AuthType;
import agento.connectors.core.ConnectorInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a pasted cURL command into a new-connector draft: base URL, method, path, query, headers and body;
 * {@code $NAME} and {@code ${NAME}} become {@code {{NAME}}}; an {@code Authorization: <scheme> <credential>} header
 * becomes Header Auth (so the credential goes to the vault, not into a header column).
 */
public final class CurlImport {
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Set<String> DATA = Set.of("-d", "--data", "--data-raw", "--data-binary", "--data-ascii",
            "--json");
    private static final Set<String> TAKES_VALUE = Set.of("-o", "--output", "-A", "--user-agent", "-e", "--referer",
            "-m", "--max-time", "--connect-timeout", "-b", "--cookie", "-w", "--write-out");

    private CurlImport() {}

    public static ConnectorDraft parse(String command) {
        List<String> words = ShellWords.split(command == null ? "" : command);
        if (!words.isEmpty() && words.get(0).equals("curl")) {
            words.remove(0);
        }
        String url = null;
        String method = null;
        String body = null;
        String user = null;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            if ((word.equals("-X") || word.equals("--request")) && next != null) {
                method = next.toUpperCase(Locale.ROOT);
                i++;
            } else if ((word.equals("-H") || word.equals("--header")) && next != null) {
                headers.add(variables(next));
                i++;
            } else if (DATA.contains(word) && next != null) {
                body = variables(next);
                if (word.equals("--json")) {
                    headers.add("Content-Type: application/json");
                }
                i++;
            } else if ((word.equals("-u") || word.equals("--user")) && next != null) {
                user = variables(next);
                i++;
            } else if (word.equals("--url") && next != null) {
                url = next;
                i++;
            } else if (TAKES_VALUE.contains(word)) {
                i++;
            } else if (!word.startsWith("-") && url == null) {
                url = word;
            }
        }
        return draft(url, method == null ? body == null ? "GET" : "POST" : method, headers, body, user);
    }

    private static ConnectorDraft draft(String rawUrl, String method, List<String> headerLines, String body,
                                        String user) {
        URI uri;
        try {
            uri = rawUrl == null ? null : new URI(variables(rawUrl).replace("{{", "%7B%7B").replace("}}", "%7D%7D"));
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new InvalidInputException("curl", "Paste a command like curl https://api.example.com/v1/items "
                    + "-H \"Authorization: Bearer $API_KEY\": no http(s) address was found in it.");
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : decode(uri.getRawPath());
        String query = uri.getRawQuery() == null ? "" : String.join("\n",
                List.of(uri.getRawQuery().split("&")).stream().map(CurlImport::decode).toList());
        String authType = AuthType.NONE.column();
        String headerKey = "";
        String pattern = "";
        String apiKey = "";
        List<String> kept = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            int space = value.indexOf(' ');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Authorization") && space > 0
                    && apiKey.isEmpty()) {
                authType = AuthType.API_KEY.column();
                headerKey = "Authorization";
                pattern = value.substring(0, space) + " %s";
                apiKey = value.substring(space + 1).strip();
            } else {
                kept.add(line.strip());
            }
        }
        String username = "";
        String password = "";
        if (user != null && apiKey.isEmpty()) {
            authType = AuthType.BASIC.column();
            int colon = user.indexOf(':');
            username = colon < 0 ? user : user.substring(0, colon);
            password = colon < 0 ? "" : user.substring(colon + 1);
        }
        return new ConnectorDraft(new ConnectorInput(uri.getHost(), "", base, authType, "header", headerKey, pattern,
                "", apiKey, username, password, ""), new ActionInput("", "", method, path, query,
                String.join("\n", kept), body == null ? "" : body));
    }

    private static String variables(String text) {
        return SHELL_VARIABLE.matcher(text).replaceAll("{{$1}}");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
