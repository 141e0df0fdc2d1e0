package agento.web;

import java.util.regex.Pattern;

/** "Return to" targets: only same-origin relative paths, so no one can bounce a user elsewhere. */
public final class SafeRedirect {
    private static final Pattern SAFE = Pattern.compile("/[A-Za-z0-9\\-._~/]*(\\?[A-Za-z0-9\\-._~=&%]*)?");

    private SafeRedirect() {}

    public static String orDefault(String candidate, String fallback) {
        if (candidate == null || candidate.startsWith("//") || !SAFE.matcher(candidate).matches()) {
            return fallback;
        }
        return candidate;
    }
}
