package agento.provider.core;

import agento.db.Reads;
import agento.vault.SecretRef;
import agento.vault.SecretStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes an agent's connection row, its secrets, its model list and its activity,
 * each change in one transaction: a failure half way leaves the previous credential in place.
 */
public final class ConnectionStore {
    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);
    /** The Activity list shows this many lines, and all of them (up to the second number) on Show all. */
    public static final int ACTIVITY_SHOWN = 10;
    public static final int ACTIVITY_ALL = 500;

    private final Jdbi jdbi;
    // read on every page (the card, the banner): fluent reads, see Reads
    private static final String FIND = "SELECT * FROM provider_connections WHERE agent_id = :agent";
    private static final String TROUBLED = "SELECT a.id AS agent_id, a.name AS agent_name, c.state FROM agents a "
            + "JOIN provider_connections c ON c.agent_id = a.id WHERE a.owner_id = :owner "
            + "AND c.state IN ('needs_reconnect', 'credential_error', 'no_quota') ORDER BY a.name";
    private static final String ACTIVITY = "SELECT * FROM connection_events WHERE agent_id = :agent "
            + "ORDER BY at DESC, id DESC LIMIT :limit";
    private static final String MODELS = "SELECT model FROM agent_available_models WHERE agent_id = :agent ORDER BY model";
    private static final RowMapper<Connection> CONNECTIONS = Reads.rowsOf(Connection.class);
    private static final RowMapper<ConnectionHealth.Trouble> TROUBLES = Reads.rowsOf(ConnectionHealth.Trouble.class);
    private static final RowMapper<ActivityEntry> ACTIVITY_ENTRIES = Reads.rowsOf(ActivityEntry.class);

    private final SecretStore secrets;
    private final Clock clock;

    public ConnectionStore(Jdbi jdbi, SecretStore secrets, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Optional<Connection> find(long agentId) {
        return Reads.one(jdbi, FIND, CONNECTIONS, "agent", agentId);
    }

    List<ConnectionHealth.Trouble> troubled(long ownerId) {
        return Reads.list(jdbi, TROUBLED, TROUBLES, "owner", ownerId);
    }

    /** The newest {@code limit} Activity lines. */
    public List<ActivityEntry> activity(long agentId, int limit) {
        return Reads.list(jdbi, ACTIVITY, ACTIVITY_ENTRIES, "agent", agentId, "limit", limit);
    }

    public List<String> availableModels(long agentId) {
        return Reads.column(jdbi, MODELS, String.class, "agent", agentId);
    }

    public Optional<String> readSecret(SecretRef ref) {
        return secrets.read(ref);
    }

    /**
     * Replaces whatever connection the agent had with {@code replacement} and its {@code newSecrets}, in one
     * transaction. Returns the refresh token of a replaced OAuth connection, for the caller to revoke.
     */
    public Optional<String> replace(Connection replacement, Map<SecretRef, String> newSecrets, List<String> models,
                             String event, String detail) {
        long agentId = replacement.agentId();
        return jdbi.inTransaction(h -> {
            ConnectionRepository repo = h.attach(ConnectionRepository.class);
            repo.lockAgent(agentId);
            Optional<Connection> old = repo.findForUpdate(agentId);
            Optional<String> retired = Optional.empty();
            if (old.isPresent() && old.get().methodEnum() == Method.OAUTH) {
                retired = readQuietly(h, CredentialNames.refreshToken(agentId));
            }
            deleteSecrets(h, agentId);
            repo.delete(agentId);
            long version = old.map(c -> c.version() + 1).orElse(0L);
            repo.insert(withVersion(replacement, version));
            newSecrets.forEach((ref, value) -> secrets.put(h, ref, value));
            if (models != null) {
                repo.clearModels(agentId);
                repo.addModels(agentId, models);
            }
            repo.record(agentId, clock.instant(), event, detail);
            return retired;
        });
    }

    /** Deletes the connection and its secrets; returns the OAuth refresh token it held, for revocation. */
    public Optional<String> remove(long agentId, String event, String detail) {
        return jdbi.inTransaction(h -> {
            h.attach(ConnectionRepository.class).lockAgent(agentId);
            Optional<String> refresh = readQuietly(h, CredentialNames.refreshToken(agentId));
            removeWithin(h, agentId);
            h.attach(ConnectionRepository.class).record(agentId, clock.instant(), event, detail);
            return refresh;
        });
    }

    /**
     * Agent deletion: removes everything connection-related inside the caller's transaction and, once that
     * commits, revokes a sign-in at the provider (best effort).
     */
    public void removeForDeletedAgent(Handle h, long agentId, OldCredentialRevoker revoker) {
        Optional<String> refresh = readQuietly(h, CredentialNames.refreshToken(agentId));
        removeWithin(h, agentId);
        refresh.ifPresent(token -> h.afterCommit(() -> revoker.revoke(agentId, token)));
    }

    private void removeWithin(Handle h, long agentId) {
        ConnectionRepository repo = h.attach(ConnectionRepository.class);
        deleteSecrets(h, agentId);
        repo.delete(agentId);
        repo.clearModels(agentId);
    }

    /** Sets the state (and, when verified, the time and the provider's model list). */
    public void updateState(long agentId, ConnectionState state, String reason, boolean verified, List<String> models,
                     String event, String detail) {
        jdbi.useTransaction(h -> {
            ConnectionRepository repo = h.attach(ConnectionRepository.class);
            repo.updateState(agentId, state.column(), reason, verified ? clock.instant() : null, clock.instant());
            if (models != null) {
                repo.clearModels(agentId);
                repo.addModels(agentId, models);
            }
            repo.record(agentId, clock.instant(), event, detail);
        });
    }

    /** Adds a line to the Activity list without changing the connection. */
    public void record(long agentId, String event, String detail) {
        jdbi.useExtension(ConnectionRepository.class, r -> r.record(agentId, clock.instant(), event, detail));
    }

    /** As {@link #record(long, String, String)}, inside the caller's transaction. */
    public void record(Handle h, long agentId, String event, String detail) {
        h.attach(ConnectionRepository.class).record(agentId, clock.instant(), event, detail);
    }

    private void deleteSecrets(Handle h, long agentId) {
        secrets.delete(h, CredentialNames.apiKey(agentId));
        secrets.delete(h, CredentialNames.accessToken(agentId));
        secrets.delete(h, CredentialNames.refreshToken(agentId));
        secrets.delete(h, CredentialNames.idToken(agentId));
    }

    private Optional<String> readQuietly(Handle h, SecretRef ref) {
        try {
            return secrets.read(h, ref);
        } catch (RuntimeException e) {
            log.warn("could not read {} for revocation: {}", ref.associatedData(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Connection withVersion(Connection c, long version) {
        return new Connection(c.agentId(), c.provider(), c.method(), c.state(), c.stateReason(), c.accountLabel(),
                c.accountId(), c.planType(), c.keyHint(), c.accessExpiresAt(), c.lastVerifiedAt(), c.refreshDueAt(),
                c.refreshLeaseUntil(), c.refreshFailures(), version, c.createdAt(), c.updatedAt());
    }
}
