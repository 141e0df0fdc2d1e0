package agento.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, before anything reads the body, what no Agento form sends: multipart bodies (415; nothing uses them, and
 * a file part would be spooled to disk before any sign-in) and bodies in a character set other than UTF-8 or
 * ISO-8859-1 (415), so no parser ever meets "charset=bogus-9" or UTF-7.
 */
final class RequestShape {
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> READABLE = Set.of("utf-8", "iso-8859-1", "us-ascii");

    private RequestShape() {}

    static void check(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("multipart/")) {
            throw new HttpResponseException(415, "multipart");
        }
        Matcher charset = CHARSET.matcher(lower);
        if (charset.find() && !READABLE.contains(normalised(charset.group(1)))) {
            throw new HttpResponseException(415, "charset");
        }
    }

    private static String normalised(String name) {
        try {
            return Charset.forName(name).name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException unknown) {
            return name;
        }
    }
}
