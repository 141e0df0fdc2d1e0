package agento.agents;

import agento.web.SessionUser;
import io.javalin.http.Context;
import java.util.Map;

/**
 * A feature's section of an agent's Settings tab (the AI Provider card, say): a heading, the template fragment
 * that renders it, and what that fragment needs in the model. Sections appear in the order Agento composes them.
 */
public interface SettingsSection {
    /** The section's id on the page (its heading is {@code id + "-heading"}). */
    String id();

    String heading();

    /** The Thymeleaf template and fragment, e.g. {@code "agents/settings/provider"} and {@code "provider-section"}. */
    String template();

    String fragment();

    Map<String, Object> model(SessionUser user, Agent agent);

    /**
     * The section's form fields whose typed value its form shows again after a refusal (never a secret), each with
     * the model name the template reads it from.
     */
    default Map<String, String> keptFields() {
        return Map.of();
    }

    /** As {@link #model(SessionUser, Agent)}, for a section that also says something about the request itself. */
    default Map<String, Object> model(Context ctx, SessionUser user, Agent agent) {
        return model(user, agent);
    }
}
