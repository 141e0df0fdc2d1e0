package agento.connectors.core;

import agento.common.OutboundHttp;
import agento.connectors.text.Placeholders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks a typed connector; each problem becomes a message next to its field. */
final class ConnectorRules {
    static final int MAX_NAME = 80;
    static final int MAX_DESCRIPTION = 1000;
    static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "proxy-connection");

    /** A checked connector; {@code secret} null means "keep the stored one". */
    record Checked(String name, String description, String baseUrl, AuthType type, String apiKeyIn, String authKey,
                   String pattern, String secret) {}

    private ConnectorRules() {}

    static Checked check(ConnectorInput in, Set<String> variables, boolean secretStored, Map<String, String> errors) {
        String baseUrl = baseUrl(strip(in.baseUrl()), errors);
        String name = strip(in.name());
        if (name.isEmpty() && baseUrl != null) {
            name = URI.create(baseUrl).getHost();
        }
        text("name", name, MAX_NAME, true, errors);
        String description = strip(in.description());
        text("description", description, MAX_DESCRIPTION, false, errors);
        AuthType type = AuthType.parse(in.authType());
        if (type == null) {
            errors.put("authType", "Choose an Auth Config.");
            return null;
        }
        String apiKeyIn = null;
        String authKey = null;
        String pattern = null;
        if (type == AuthType.API_KEY) {
            apiKeyIn = "query".equals(in.apiKeyIn()) ? "query" : "header".equals(in.apiKeyIn()) ? "header" : null;
            if (apiKeyIn == null) {
                errors.put("apiKeyIn", "Choose Header Auth or Query Param Auth.");
            } else if (apiKeyIn.equals("header")) {
                authKey = headerName("headerKey", strip(in.headerKey()), errors);
                pattern = strip(in.headerPattern());
                if (pattern.indexOf("%s") < 0 || pattern.indexOf("%s") != pattern.lastIndexOf("%s")) {
                    errors.put("headerPattern", "The pattern must contain %s exactly once, for example Bearer %s.");
                } else {
                    text("headerPattern", pattern, 200, true, errors);
                }
            } else {
                authKey = strip(in.queryName());
                text("queryName", authKey, 200, true, errors);
            }
        } else if (type == AuthType.BASIC) {
            authKey = strip(in.username());
            text("username", authKey, 200, false, errors);
            if (authKey.contains(":")) {
                errors.put("username", "A Basic Auth user name cannot contain a colon.");
            }
        }
        String secret = type == AuthType.NONE ? null : secret(in, variables, secretStored, errors);
        return new Checked(name, description, baseUrl, type, apiKeyIn, authKey, pattern, secret);
    }

    private static String secret(ConnectorInput in, Set<String> variables, boolean secretStored,
                                 Map<String, String> errors) {
        String field = in.secretField();
        String secret = strip(in.secret());
        if (secret.isEmpty()) {
            if (!secretStored) {
                errors.put(field, "Give the secret itself or a {{VARIABLE}} that holds it.");
            }
            return null;
        }
        if (secret.length() > VariableService.MAX_VALUE || secret.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "Use at most " + VariableService.MAX_VALUE + " characters, without line breaks.");
            return null;
        }
        String problem = Placeholders.problem(secret, false, true, variables);
        if (problem != null) {
            errors.put(field, problem);
        }
        return secret;
    }

    private static String baseUrl(String raw, Map<String, String> errors) {
        String problem = null;
        String url = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (raw.isEmpty()) {
                problem = "Give the base URL, for example https://api.openai.com.";
            } else if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
                problem = "Use an http:// or https:// address, for example https://api.openai.com.";
            } else if (uri.getRawAuthority().contains("@")) {
                problem = "Don't put a user name or password in the address: use Auth Config.";
            } else if (uri.getHost() == null) {
                problem = "\u201c" + uri.getRawAuthority() + "\u201d is not a host name or IP address.";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "Leave out ? and #: query parameters belong to an action.";
            } else if (url.length() > 2000) {
                problem = "Use at most 2000 characters.";
            }
        } catch (URISyntaxException e) {
            problem = "That is not a valid address (spaces and some characters must be left out).";
        }
        if (problem != null) {
            errors.put("baseUrl", problem);
            return null;
        }
        return url;
    }

    /** A header name a person may set: an HTTP token, not one Agento sets itself. */
    static String headerName(String field, String name, Map<String, String> errors) {
        if (name.isEmpty()) {
            errors.put(field, "Give the header name, for example Authorization.");
        } else if (!isToken(name)) {
            errors.put(field, "\u201c" + name + "\u201d is not a header name (letters, digits and - only).");
        } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            errors.put(field, name + " is set by Agento itself.");
        }
        return name;
    }

    static boolean isToken(String name) {
        return name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}") && OutboundHttp.isHeaderSafe(name);
    }

    static void text(String field, String value, int max, boolean required, Map<String, String> errors) {
        if (required && value.isEmpty()) {
            errors.put(field, "Fill this in.");
        } else if (value.codePointCount(0, value.length()) > max) {
            errors.put(field, "Use at most " + max + " characters.");
        } else if (value.codePoints().anyMatch(Character::isISOControl) && !field.equals("description")) {
            errors.put(field, "Line breaks and other control characters can't be used here.");
        }
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
