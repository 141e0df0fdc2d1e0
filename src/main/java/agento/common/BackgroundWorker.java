package agento.common;

/** Something a feature runs in the background while the server is up: started after the web server, closed before. */
public interface BackgroundWorker extends AutoCloseable {
    void start();

    @Override
    void close();
}
