package agento.connectors.core;

/** The action form as typed: query one {@code name=value} a line, headers one {@code Name: value} a line. */
public record ActionInput(String name, String description, String method, String path, String query, String headers,
                          String body) implements java.io.Serializable {

    public static ActionInput empty() {
        return new ActionInput("", "", "GET", "", "", "", "");
    }

    public static ActionInput of(Action a) {
        return new ActionInput(a.name(), orEmpty(a.description()), a.method(), a.path(), orEmpty(a.query()),
                orEmpty(a.headers()), orEmpty(a.bodyTemplate()));
    }

    /** True when nothing that defines a request was typed (the optional first action of a new connector). */
    public boolean isBlank() {
        return orEmpty(path).isBlank() && orEmpty(name).isBlank() && orEmpty(query).isBlank()
                && orEmpty(headers).isBlank() && orEmpty(body).isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
