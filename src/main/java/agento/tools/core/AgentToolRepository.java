package agento.tools.core;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AgentTool.class)
interface AgentToolRepository {
    /** Which agent (by name) uses which action of a connector. */
    record ActionUser(long actionId, String agentName) {}

    @SqlUpdate("DELETE FROM agent_tools WHERE agent_id = :agent")
    void clear(@Bind("agent") long agentId);

    @SqlUpdate("INSERT INTO agent_tools (agent_id, action_id, ask_first) VALUES (:agent, :action, :ask)")
    void add(@Bind("agent") long agentId, @Bind("action") long actionId, @Bind("ask") boolean askFirst);

    @SqlUpdate("DELETE FROM agent_tool_limits WHERE agent_id = :agent")
    void clearMaxCalls(@Bind("agent") long agentId);

    @SqlUpdate("INSERT INTO agent_tool_limits (agent_id, max_calls) VALUES (:agent, :max)")
    void setMaxCalls(@Bind("agent") long agentId, @Bind("max") int maxCalls);

    @SqlQuery("SELECT t.action_id, a.name AS agent_name FROM agent_tools t JOIN agents a ON a.id = t.agent_id "
            + "JOIN connector_actions c ON c.id = t.action_id "
            + "WHERE c.connector_id = :connector AND a.owner_id = :owner ORDER BY a.name")
    @RegisterConstructorMapper(ActionUser.class)
    List<ActionUser> usersOf(@Bind("owner") long ownerId, @Bind("connector") long connectorId);
}
