package agento.common;

import java.util.Map;

/** Input a person can fix: field name → message shown next to that field. Nothing was changed. */
public final class InvalidInputException extends RuntimeException {
    private final Map<String, String> errors;

    public InvalidInputException(Map<String, String> errors) {
        super("invalid input in " + errors.keySet());
        this.errors = Map.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
