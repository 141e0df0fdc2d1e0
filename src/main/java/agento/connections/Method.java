package agento.connections;

/** How an agent is connected to its provider; one at a time, enforced by the database. */
public enum Method {
    OAUTH("oauth"),
    API_KEY("api_key");

    private final String column;

    Method(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    public static Method fromColumn(String value) {
        for (Method m : values()) {
            if (m.column.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method " + value);
    }
}
