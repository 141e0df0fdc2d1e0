package agento.tools.web;

import agento.agents.Agent;
import agento.agents.SectionCard;
import agento.agents.SettingsPage;
import agento.agents.SettingsSection;
import agento.tools.core.AgentToolService;
import agento.web.SessionUser;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Settings → Tools: the person's connector actions, each with a box to let this agent use it; Save tools. */
public final class ToolsCard implements SettingsSection {
    private final AgentToolService tools;
    private final SectionCard card;

    public ToolsCard(AgentToolService tools, SettingsPage settingsPage) {
        this.tools = tools;
        this.card = new SectionCard(this, settingsPage, "agents/settings/tools :: tools-card", "tools");
    }

    @Override
    public String id() {
        return "tools";
    }

    @Override
    public String heading() {
        return "Tools";
    }

    @Override
    public String template() {
        return "agents/settings/tools";
    }

    @Override
    public String fragment() {
        return "tools-section";
    }

    @Override
    public Map<String, Object> model(SessionUser user, Agent agent) {
        Map<String, Object> model = new HashMap<>();
        model.put("toolChoices", tools.choices(agent));
        model.put("maxToolCalls", Integer.toString(tools.maxCalls(agent.id())));
        model.put("toolsErrors", Map.of());
        return model;
    }

    @Override
    public Map<String, String> keptFields() {
        return Map.of("maxToolCalls", "maxToolCalls");
    }

    void act(Context ctx, Supplier<String> action) {
        card.act(ctx, action);
    }
}
