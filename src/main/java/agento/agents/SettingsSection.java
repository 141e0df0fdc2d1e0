package agento.agents;

import agento.web.SessionUser;
import java.util.Map;

/** Adds a feature's part (the AI Provider card, say) to the model of an agent's Settings tab. */
public interface SettingsSection {
    Map<String, Object> model(SessionUser user, Agent agent);
}
