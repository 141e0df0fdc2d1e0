package agento.agents;

import agento.web.SessionUser;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The whole Settings tab of an agent: the General form and every feature's section, in the composed order. */
public final class SettingsPage {
    private final List<SettingsSection> sections = new CopyOnWriteArrayList<>();

    /** Agento adds the sections its features contribute, once, before the server starts. */
    public void addSections(List<SettingsSection> more) {
        sections.addAll(more);
    }

    /** Renders the page for the scoped agent; {@code extra} overrides (a section's errors, the General form's). */
    public void render(Context ctx, SessionUser user, Map<String, Object> extra) {
        Agent agent = AgentScope.agent(ctx);
        Map<String, Object> model = new HashMap<>(AgentRoutes.formModel(AgentDetails.of(agent), Map.of()));
        sections.forEach(section -> model.putAll(section.model(ctx, user, agent)));
        model.putAll(extra);
        model.put("sections", sections);
        model.put("agent", agent);
        model.put("tab", "settings");
        ctx.render("agents/settings", model);
    }
}
