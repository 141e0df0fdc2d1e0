package agento;

import agento.common.Await;
import io.javalin.Javalin;
import java.util.concurrent.CompletableFuture;

/** Starts the web server on a thread of its own, so the rest of the start-up goes on beside it. */
final class ServerStart {
    private ServerStart() {}

    static CompletableFuture<Void> begin(Javalin web, int port) {
        CompletableFuture<Void> serving = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                web.start(port);
                serving.complete(null);
            } catch (Throwable e) {
                serving.completeExceptionally(e);
            }
        }, "agento-web-start");
        thread.setDaemon(true); // once started, Jetty's own threads keep the JVM running
        thread.start();
        return serving;
    }

    /** Throws at once when the server's start has already failed (a port in use); does not wait for it. */
    static void failFast(CompletableFuture<Void> serving) {
        if (serving.isCompletedExceptionally()) {
            Await.done(serving);
        }
    }

    /** Start-up failed elsewhere: waits for the server's start to give up, then stops what it had started. */
    static void abandon(Javalin web, CompletableFuture<Void> serving) {
        serving.handle((done, failed) -> null).join();
        try {
            web.stop();
        } catch (RuntimeException e) {
            // it had not finished starting: nothing more to release
        }
    }
}
