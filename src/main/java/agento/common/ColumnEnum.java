package agento.common;

/** An enum stored in a VARCHAR column by its {@link #column()} value. */
public interface ColumnEnum {
    String column();

    /** The constant of {@code type} stored as {@code value}; an unknown value is a bug, not input. */
    static <E extends Enum<E> & ColumnEnum> E fromColumn(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.column().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + value);
    }
}
