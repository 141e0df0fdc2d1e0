package agento.provider.core;

import agento.vault.SecretRef;
import agento.vault.SecretStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes an agent's connection row, its secrets, its model list and its activity,
 * each change in one transaction: a failure half way leaves the previous credential in place.
 */
public final class ConnectionStore {
    private static final Logger log = LoggerFactory.getLogger(ConnectionStore.class);
    private static final int ACTIVITY_SHOWN = 12;

    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final Clock clock;

    public ConnectionStore(Jdbi jdbi, SecretStore secrets, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Optional<Connection> find(long agentId) {
        return jdbi.withExtension(ConnectionRepository.class, r -> r.find(agentId));
    }

    List<ConnectionHealth.Trouble> troubled(long ownerId) {
        return jdbi.withExtension(ConnectionRepository.class, r -> r.troubled(ownerId));
    }

    public List<ActivityEntry> activity(long agentId) {
        return jdbi.withExtension(ConnectionRepository.class, r -> r.activity(agentId, ACTIVITY_SHOWN));
    }

    public List<String> availableModels(long agentId) {
        return jdbi.withExtension(ConnectionRepository.class, r -> r.models(agentId));
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
