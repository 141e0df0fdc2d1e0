package agento.provider.core;

import agento.agents.Agent;
import agento.agents.AgentService;
import agento.common.InvalidInputException;
import agento.provider.core.ModelCatalog.ModelOption;
import agento.provider.core.ModelCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model select: catalog defaults plus the chat models the credential's provider listed. */
public final class ModelChoice {
    private final AgentService agents;
    private final ConnectionStore store;

    public ModelChoice(AgentService agents, ConnectionStore store) {
        this.agents = agents;
        this.store = store;
    }

    public List<ModelOption> options(long agentId) {
        Map<String, ModelOption> byId = new LinkedHashMap<>();
        ModelCatalog.DEFAULT_MODELS.forEach(m -> byId.put(m.id(), m));
        ModelCatalog.chatModels(store.availableModels(agentId)).forEach(m -> byId.putIfAbsent(m.id(), m));
        return new ArrayList<>(byId.values());
    }

    /** Saves the model and returns the agent with it; the credential is not touched. */
    public Agent choose(Agent agent, String model) {
        long agentId = agent.id();
        ModelOption chosen = options(agentId).stream().filter(m -> m.id().equals(model)).findFirst()
                .orElseThrow(() -> new InvalidInputException("model", "Choose one of the offered models."));
        agents.setModel(agent.ownerId(), agentId, chosen.id());
        store.record(agentId, "model_changed", "Model changed to " + chosen.label() + ".");
        return agent.withModel(chosen.id());
    }
}
