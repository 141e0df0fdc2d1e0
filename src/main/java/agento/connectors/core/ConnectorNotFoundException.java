package agento.connectors.core;

/** No such connector, action or variable for this user: another user's looks exactly like a missing one (404). */
public final class ConnectorNotFoundException extends RuntimeException {
    public ConnectorNotFoundException() {
        super("not found");
    }
}
