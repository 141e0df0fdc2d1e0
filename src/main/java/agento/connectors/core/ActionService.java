package agento.connectors.core;

import agento.common.InvalidInputException;
import agento.db.Reads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The actions of a person's connectors: list, create, edit, delete, and the list agent tools are built from. */
public final class ActionService {
    // the Tools card and every chat reply read this: one fluent read with the connector's name (see Reads)
    private static final String TOOLS = "SELECT a.*, c.name AS connector_name FROM connector_actions a "
            + "JOIN connectors c ON c.id = a.connector_id WHERE c.owner_id = :owner ORDER BY c.name_key, a.name_key";
    private static final RowMapper<Action> ACTIONS = Reads.rowsOf(Action.class);
    private static final RowMapper<ToolAction> TOOL_ACTIONS = new RowMapper<>() {
        @Override
        public ToolAction map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<ToolAction> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            RowMapper<Action> actions = ACTIONS.specialize(rs, ctx);
            return (row, c) -> {
                Action a = actions.map(row, c);
                return new ToolAction(a.id(), a.connectorId(), row.getString("connector_name"), a.name(),
                        a.description(), a.method(), a.path(), a.inputs());
            };
        }
    };
    private final Jdbi jdbi;
    private final VariableService variables;
    private final Clock clock;
    private volatile ActionUsers users = ActionUsers.NONE;

    public ActionService(Jdbi jdbi, VariableService variables, Clock clock) {
        this.jdbi = jdbi;
        this.variables = variables;
        this.clock = clock;
    }

    /** Where the connector's page learns which agents use its actions (Agento wires the tools feature in). */
    public void reportUsersWith(ActionUsers actionUsers) {
        users = actionUsers;
    }

    /** The names of the agents that use each action of {@code connector} (already authorized), by action id. */
    public Map<Long, List<String>> usedBy(Connector connector) {
        return users.agentsByAction(connector.ownerId(), connector.id());
    }

    /** The actions of {@code connector} (already authorized). */
    public List<Action> list(Connector connector) {
        return jdbi.withExtension(ActionRepository.class, r -> r.listFor(connector.id()));
    }

    /** The owner's action, or {@link ConnectorNotFoundException} (also for another person's). */
    public Action get(long ownerId, long actionId) {
        return jdbi.withExtension(ActionRepository.class, r -> r.findOwned(actionId, ownerId))
                .orElseThrow(ConnectorNotFoundException::new);
    }

    /**
     * Every action of the person, with its connector's name and its {@code {{input.x}}} names: what an agent can be
     * offered as tools.
     */
    public List<ToolAction> tools(long ownerId) {
        return Reads.list(jdbi, TOOLS, TOOL_ACTIONS, "owner", ownerId);
    }

    public Action create(Connector connector, ActionInput input) {
        return jdbi.inTransaction(h -> {
            ActionRules.Checked a = checked(h, connector, -1, input);
            return get(connector.ownerId(), insert(h, connector.id(), a));
        });
    }

    public Action update(Connector connector, long actionId, ActionInput input) {
        Action old = get(connector.ownerId(), actionId);
        if (old.connectorId() != connector.id()) {
            throw new ConnectorNotFoundException();
        }
        jdbi.useTransaction(h -> {
            ActionRules.Checked a = checked(h, connector, actionId, input);
            h.attach(ActionRepository.class).update(actionId, a, clock.instant());
        });
        return get(connector.ownerId(), actionId);
    }

    public void delete(Connector connector, long actionId) {
        if (get(connector.ownerId(), actionId).connectorId() != connector.id()) {
            throw new ConnectorNotFoundException();
        }
        jdbi.useExtension(ActionRepository.class, r -> r.delete(actionId));
    }

    long insert(Handle h, long connectorId, ActionRules.Checked a) {
        if (h.attach(ActionRepository.class).countNamed(connectorId, ConnectorService.key(a.name()), -1) > 0) {
            throw new InvalidInputException("action.name", "This connector already has an action called \u201c"
                    + a.name() + "\u201d.");
        }
        return h.attach(ActionRepository.class).insert(connectorId, a, clock.instant());
    }

    private ActionRules.Checked checked(Handle h, Connector connector, long exceptId, ActionInput input) {
        Map<String, String> errors = new HashMap<>();
        ActionRules.Checked a = ActionRules.check(input, variables.names(h, connector.ownerId()), "", errors);
        if (!errors.containsKey("name") && h.attach(ActionRepository.class).countNamed(connector.id(),
                ConnectorService.key(a.name()), exceptId) > 0) {
            errors.put("name", "This connector already has an action called \u201c" + a.name() + "\u201d.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return a;
    }
}
