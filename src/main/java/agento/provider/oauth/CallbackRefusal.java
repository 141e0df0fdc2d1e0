package agento.provider.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a callback was refused before anything was looked up for a person: all a browser signed in as no one can be
 * told. Its failure page is addressed by {@link #slug()} ({@code ?why=unknown}), so such a browser gets no session
 * (and no database row) just to carry the message; the page shows only these fixed texts.
 */
public enum CallbackRefusal {
    NO_STATE("no-state", "The answer from OpenAI had no valid sign-in state. Start again from the agent's Settings tab."),
    UNKNOWN("unknown", "This sign-in attempt is unknown to Agento. It may come from an old or forged link. "
            + "Start again from the agent's Settings tab."),
    OTHER_SESSION("other-session", "This sign-in was started in another browser session. Start again here.");

    private final String slug;
    private final String message;

    CallbackRefusal(String slug, String message) {
        this.slug = slug;
        this.message = message;
    }

    public String slug() {
        return slug;
    }

    public String message() {
        return message;
    }

    public static Optional<CallbackRefusal> ofSlug(String slug) {
        return Arrays.stream(values()).filter(r -> r.slug.equals(slug)).findFirst();
    }
}
