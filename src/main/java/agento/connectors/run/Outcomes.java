package agento.connectors.run;

import agento.connectors.core.Action;
import agento.connectors.core.AuthType;
import agento.connectors.core.Connector;
import java.util.stream.Collectors;

/** The outcome of a run in words a person can act on. */
final class Outcomes {
    static final String SUCCESS = "Successful execution";

    private Outcomes() {}

    static String ofStatus(int status, Connector connector, Action action, int redirects) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 401 || status == 403) {
            return "The API refused the credentials (HTTP " + status + "): check " + credential(connector) + ".";
        }
        if (status == 404) {
            return "Not found (HTTP 404): check the path " + action.path() + " and the base URL.";
        }
        if (status >= 300 && status < 400) {
            return "The API answered with a redirect (HTTP " + status + ")" + (redirects > 0 ? " after " + redirects
                    + " redirects; Agento follows at most 5." : " that Agento could not follow.");
        }
        if (status == 429) {
            return "Rate limited (HTTP 429): the API asks to slow down; try again later.";
        }
        if (status >= 500) {
            return "The API had a problem (HTTP " + status + "): try again later.";
        }
        return "The API refused the request (HTTP " + status + "): check the action's query, headers and body.";
    }

    static String ofFailure(String reason, String host) {
        return switch (reason) {
            case "timed out" -> "Timeout: " + host + " did not answer completely within 30 s.";
            case "could not connect" -> "Could not connect to " + host + " (nothing listens there, or a firewall "
                    + "refused).";
            case "TLS failed" -> "TLS: no secure connection to " + host + " (its certificate is not trusted or not "
                    + "valid for that name).";
            case "interrupted" -> "The run was stopped.";
            default -> reason.startsWith("refused:")
                    ? "Nothing was sent: a header value holds a line break or another control character (from a "
                            + "variable or an input)."
                    : "The connection to " + host + " failed before a complete answer came.";
        };
    }

    static String nameNotFound(String host) {
        return "Name not found: " + host + " does not resolve (DNS). Check the base URL.";
    }

    /** The variables of the credential as {{NAME}}, else the field it was typed in. */
    private static String credential(Connector connector) {
        if (!connector.secretVariables().isEmpty()) {
            return connector.secretVariables().stream().map(n -> "{{" + n + "}}").collect(Collectors.joining(", "));
        }
        AuthType type = connector.auth();
        return type == AuthType.NONE ? "the Auth Config (this connector sends no credentials)"
                : type == AuthType.BASIC ? "the connector's Password" : type == AuthType.BEARER
                ? "the connector's Token" : "the connector's Api Key";
    }
}
