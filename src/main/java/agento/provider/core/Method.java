package agento.provider.core;

import agento.common.ColumnEnum;

/** How an agent is connected to its provider; one at a time, enforced by the database. */
public enum Method implements ColumnEnum {
    OAUTH("oauth"),
    API_KEY("api_key");

    private final String column;

    Method(String column) {
        this.column = column;
    }

    @Override
    public String column() {
        return column;
    }

    public static Method fromColumn(String value) {
        return ColumnEnum.fromColumn(Method.class, value);
    }
}
