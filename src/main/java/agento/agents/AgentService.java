package agento.agents;

import agento.common.InvalidInputException;
import agento.db.Reads;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** An owner's agents: list, create, rename, delete. Every lookup is scoped to the owner. */
public final class AgentService {
    private static final String FIND_OWNED = "SELECT * FROM agents WHERE id = :id AND owner_id = :owner";
    private static final String FIND = "SELECT * FROM agents WHERE id = :id";
    private static final RowMapper<Agent> AGENTS = Reads.rowsOf(Agent.class);
    private static final String LIST_OWNED = "SELECT a.id, a.name, a.description, a.status, a.status_reason, "
            + "c.provider, c.method, c.state AS connection_state FROM agents a "
            + "LEFT JOIN provider_connections c ON c.agent_id = a.id WHERE a.owner_id = :owner ORDER BY a.name_key";
    private static final RowMapper<AgentSummary> SUMMARIES = Reads.rowsOf(AgentSummary.class);
    public static final int MAX_NAME = 80;
    public static final int MAX_DESCRIPTION = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<AgentCleanup> cleanups = new CopyOnWriteArrayList<>();

    public AgentService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void onDelete(AgentCleanup cleanup) {
        cleanups.add(cleanup);
    }

    public List<AgentSummary> list(long ownerId) {
        return Reads.list(jdbi, LIST_OWNED, SUMMARIES, "owner", ownerId);
    }

    /** The owner's agent, or {@link AgentNotFoundException} (also for another user's agent). */
    public Agent get(long ownerId, long agentId) {
        // every /agents/{id} request starts here: a fluent read (see Reads)
        return Reads.one(jdbi, FIND_OWNED, AGENTS, "id", agentId, "owner", ownerId)
                .orElseThrow(AgentNotFoundException::new);
    }

    /** Creates an agent; the name is trimmed, 1–80 characters, unique for this owner. */
    public Agent create(long ownerId, String rawName, String rawDescription) {
        String name = trim(rawName);
        String description = trim(rawDescription);
        validate(ownerId, name, description, -1, new LinkedHashMap<>());
        try {
            long id = jdbi.withExtension(AgentRepository.class,
                    r -> r.insert(ownerId, name, key(name), emptyToNull(description), clock.instant()));
            return get(ownerId, id);
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(e);
        }
    }

    /** Saves the General form: name and description with the same rules as creating one, instructions, limit. */
    public Agent update(Agent agent, AgentDetails details) {
        long ownerId = agent.ownerId();
        long agentId = agent.id();
        String name = details.name();
        Map<String, String> errors = new LinkedHashMap<>();
        details.checkExtras(errors);
        validate(ownerId, name, details.description(), agentId, errors);
        try {
            jdbi.useExtension(AgentRepository.class, r -> r.updateDetails(agentId, ownerId, name, key(name),
                    emptyToNull(details.description()), emptyToNull(details.instructions()), details.limit(),
                    clock.instant()));
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(e);
        }
        return get(ownerId, agentId);
    }

    /** Deletes the agent and, in the same transaction, everything other features keep for it. */
    public void delete(long ownerId, long agentId) {
        Agent agent = get(ownerId, agentId);
        jdbi.useTransaction(h -> {
            for (AgentCleanup cleanup : cleanups) {
                cleanup.beforeDelete(h, agent);
            }
            h.attach(AgentRepository.class).delete(agentId, ownerId);
        });
    }

    /** An account is being removed: each of its agents goes as {@link #delete} would, inside the caller's transaction. */
    public void deleteAllOwnedBy(Handle h, long ownerId) {
        for (Agent agent : h.attach(AgentRepository.class).listAll(ownerId)) {
            for (AgentCleanup cleanup : cleanups) {
                cleanup.beforeDelete(h, agent);
            }
            h.attach(AgentRepository.class).delete(agent.id(), ownerId);
        }
    }

    /** Running or stopped, with the reason a Start was refused or the agent stopped (null when none). */
    public void setStatus(long agentId, String status, String reason) {
        jdbi.useExtension(AgentRepository.class, r -> r.updateStatus(agentId, status, reason, clock.instant()));
    }

    /** The agent by id alone, for background work that has no signed-in user (a Telegram message, say). */
    public Optional<Agent> find(long agentId) {
        // every Telegram message asks: fluent, not a SQL Object (see Reads)
        return Reads.one(jdbi, FIND, AGENTS, "id", agentId);
    }

    /** Every agent that is running, on every owner's account (to resume background work after a restart). */
    public List<Agent> running() {
        return jdbi.withExtension(AgentRepository.class, AgentRepository::running);
    }

    /** Stores the model choice; never touches the agent's credential. */
    public void setModel(long ownerId, long agentId, String model) {
        if (jdbi.withExtension(AgentRepository.class, r -> r.updateModel(agentId, ownerId, model, clock.instant())) == 0) {
            throw new AgentNotFoundException();
        }
    }

    private void validate(long ownerId, String name, String description, long exceptId, Map<String, String> errors) {
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            errors.put("name", "Give the agent a name.");
        } else if (length > MAX_NAME) {
            errors.put("name", "Use at most " + MAX_NAME + " characters for the name (this one has " + length + ").");
        } else if (name.codePoints().anyMatch(Character::isISOControl)) {
            errors.put("name", "The name cannot contain control characters such as line breaks.");
        } else if (jdbi.withExtension(AgentRepository.class, r -> r.countNamed(ownerId, key(name), exceptId)) > 0) {
            errors.put("name", "You already have an agent called \u201c" + name + "\u201d. Choose another name.");
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            errors.put("description", "Use at most " + MAX_DESCRIPTION + " characters for the description.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static RuntimeException duplicateOr(UnableToExecuteStatementException e) {
        String message = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        if (message.contains("AGENTS_NAME_UNIQUE_PER_OWNER")) {
            return new InvalidInputException("name", "You already have an agent with this name. Choose another name.");
        }
        return e;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
