package agento;

import io.javalin.Javalin;

/**
 * The bench's yardstick: {@code java -jar agento.jar bare-javalin PORT} serves one plain-text endpoint with the same
 * Javalin and Jetty as Agento, from the same jar, so scripts/bench can print every figure beside it.
 */
final class BareJavalin {
    private BareJavalin() {}

    static void serve(int port) {
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", port);
    }
}
