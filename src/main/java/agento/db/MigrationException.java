package agento.db;

/** The schema could not be brought up to date; the message says which migration and why, without a secret. */
public final class MigrationException extends RuntimeException {
    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
