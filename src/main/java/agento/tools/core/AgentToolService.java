package agento.tools.core;

import agento.agents.Agent;
import agento.common.InvalidInputException;
import agento.connectors.core.ActionService;
import agento.connectors.core.ToolAction;
import agento.db.Reads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Which of the person's connector actions an agent may call, whether each asks first, and calls per reply. */
public final class AgentToolService {
    // read for the Tools card and every chat reply: fluent reads (see Reads)
    private static final String CHOSEN = "SELECT action_id, ask_first FROM agent_tools WHERE agent_id = :agent";
    private static final String MAX_CALLS = "SELECT max_calls FROM agent_tool_limits WHERE agent_id = :agent";
    private static final RowMapper<AgentTool> TOOLS = Reads.rowsOf(AgentTool.class);
    public static final int DEFAULT_MAX_CALLS = 8;
    public static final int MOST_MAX_CALLS = 20;
    private static final Set<String> ASK_FIRST_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Jdbi jdbi;
    private final ActionService actions;

    public AgentToolService(Jdbi jdbi, ActionService actions) {
        this.jdbi = jdbi;
        this.actions = actions;
    }

    /** Every action of the agent's owner, ticked when the agent may use it. */
    public List<ToolChoice> choices(Agent agent) {
        Map<Long, AgentTool> chosen = chosen(agent.id());
        return actions.tools(agent.ownerId()).stream().map(a -> {
            AgentTool tool = chosen.get(a.actionId());
            return new ToolChoice(a.actionId(), a.connectorName(), a.name(), a.description(), a.method(), a.path(),
                    a.inputs(), tool != null, tool != null ? tool.askFirst() : asksFirstByDefault(a.method()));
        }).toList();
    }

    /** Ask before running is on by default for the methods that change something. */
    public static boolean asksFirstByDefault(String method) {
        return ASK_FIRST_METHODS.contains(method);
    }

    /** The agent's tools by action id, as saved now. */
    public Map<Long, AgentTool> chosen(long agentId) {
        return Reads.list(jdbi, CHOSEN, TOOLS, "agent", agentId).stream()
                .collect(Collectors.toMap(AgentTool::actionId, Function.identity()));
    }

    /** The agent's own actions among {@code ids}, with what their tools look like (the list the model is offered). */
    public List<ToolAction> offered(Agent agent, Set<Long> ids) {
        return actions.tools(agent.ownerId()).stream().filter(a -> ids.contains(a.actionId())).toList();
    }

    public int maxCalls(long agentId) {
        return Reads.column(jdbi, MAX_CALLS, Integer.class, "agent", agentId).stream().findFirst()
                .orElse(DEFAULT_MAX_CALLS);
    }

    /**
     * Saves the agent's tools: {@code askFirstById} maps each ticked action id to its Ask before running. Ids that are
     * not the owner's actions are ignored.
     *
     * @throws InvalidInputException ("maxToolCalls") when the number of calls per reply is not 1 to 20
     */
    public void save(Agent agent, Map<Long, Boolean> askFirstById, String maxCallsText) {
        int maxCalls = maxCalls(maxCallsText);
        Set<Long> owned = actions.tools(agent.ownerId()).stream().map(ToolAction::actionId).collect(Collectors.toSet());
        Map<Long, Boolean> kept = new LinkedHashMap<>(askFirstById);
        kept.keySet().retainAll(owned);
        jdbi.useTransaction(h -> {
            AgentToolRepository repo = h.attach(AgentToolRepository.class);
            repo.clear(agent.id());
            kept.forEach((id, ask) -> repo.add(agent.id(), id, ask));
            repo.clearMaxCalls(agent.id());
            repo.setMaxCalls(agent.id(), maxCalls);
        });
    }

    /** The names of the owner's agents that use each action of the connector, by action id. */
    public Map<Long, List<String>> agentsByAction(long ownerId, long connectorId) {
        Map<Long, List<String>> users = new LinkedHashMap<>();
        jdbi.withExtension(AgentToolRepository.class, r -> r.usersOf(ownerId, connectorId))
                .forEach(u -> users.computeIfAbsent(u.actionId(), id -> new ArrayList<>()).add(u.agentName()));
        return users;
    }

    private static int maxCalls(String text) {
        String raw = text == null ? "" : text.strip();
        if (raw.isEmpty()) {
            return DEFAULT_MAX_CALLS;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= MOST_MAX_CALLS) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new InvalidInputException("maxToolCalls", "Enter a whole number from 1 to " + MOST_MAX_CALLS + ".");
    }
}
