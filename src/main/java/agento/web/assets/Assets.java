package agento.web.assets;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves {@code /static/...} (our CSS, scripts, images) and {@code /webjars/...} (htmx) from the classpath, read
 * once and kept in memory. Jetty's resource handler mounted the whole jar as a zip file system for each of its
 * handlers, indexing its 15,000 entries every time: about 30 MB of a 128 MB heap. Paths are a strict pattern (no
 * dot segments, no encoded characters) and only the file types below are served.
 */
public final class Assets {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*"
            + "(?:/[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*)*");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "map", "application/json");
    /** Webjar paths carry the version, so a file there never changes. */
    private static final String VERSIONED = "public, max-age=31536000, immutable";
    /** Our own files keep their names across releases: the browser asks again, and gets 304 while unchanged. */
    private static final String REVALIDATED = "no-cache";

    private record Asset(byte[] bytes, String type, String etag) {}

    /** Only files that exist: bounded by the jar's own files of the types above. */
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    public void serveStatic(Context ctx) {
        serve(ctx, "static/", ctx.pathParam("path"), REVALIDATED);
    }

    public void serveWebjar(Context ctx) {
        serve(ctx, "META-INF/resources/webjars/", ctx.pathParam("path"), VERSIONED);
    }

    private void serve(Context ctx, String root, String path, String cacheControl) {
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new NotFoundResponse();
        }
        // a missing file maps to null, which computeIfAbsent does not keep
        Asset asset = cache.computeIfAbsent(root + path, resource -> load(resource).orElse(null));
        if (asset == null) {
            throw new NotFoundResponse();
        }
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(asset.type()).result(asset.bytes());
    }

    private static Optional<Asset> load(String resource) {
        String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, "\"" + digest(bytes) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
