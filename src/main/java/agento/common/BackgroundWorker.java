package agento.common;

/**
 * Something that runs in the background while the server is up: a feature's workers start once the server serves,
 * the database health check just before; all are closed before the server stops.
 */
public interface BackgroundWorker extends AutoCloseable {
    void start();

    @Override
    void close();
}
