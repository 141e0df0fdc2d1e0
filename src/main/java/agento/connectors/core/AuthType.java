package agento.connectors.core;

import agento.common.ColumnEnum;

/** How a connector authenticates, with the words the form uses. */
public enum AuthType implements ColumnEnum {
    NONE("none", "No Auth"),
    API_KEY("api_key", "Api Key Auth"),
    BASIC("basic", "Basic Auth"),
    BEARER("bearer", "Bearer Token");

    private final String column;
    private final String label;

    AuthType(String column, String label) {
        this.column = column;
        this.label = label;
    }

    @Override
    public String column() {
        return column;
    }

    public String label() {
        return label;
    }

    public static AuthType fromColumn(String value) {
        return ColumnEnum.fromColumn(AuthType.class, value);
    }

    /** The type a form value names, or null. */
    public static AuthType parse(String value) {
        for (AuthType type : values()) {
            if (type.column.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
