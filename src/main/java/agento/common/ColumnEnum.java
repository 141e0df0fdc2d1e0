package agento.common;

import java.util.Optional;

/** An enum stored in a VARCHAR column by its {@link #column()} value. */
public interface ColumnEnum {
    String column();

    /** The constant of {@code type} a form posted as {@code value}, if it names one (input: may name none). */
    static <E extends Enum<E> & ColumnEnum> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.column().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The constant of {@code type} stored as {@code value}; an unknown value is a bug, not input. */
    static <E extends Enum<E> & ColumnEnum> E fromColumn(Class<E> type, String value) {
        return parse(type, value).orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName()
                + " " + value));
    }
}
