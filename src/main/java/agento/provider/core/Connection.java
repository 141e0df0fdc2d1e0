package agento.provider.core;

import java.time.Instant;

/** A row of {@code provider_connections}: what is known about an agent's credential, never the credential. */
public record Connection(long agentId, String provider, String method, String state, String stateReason,
                         String accountLabel, String accountId, String planType, String keyHint,
                         Instant accessExpiresAt, Instant lastVerifiedAt, Instant refreshDueAt,
                         Instant refreshLeaseUntil, int refreshFailures, long version, Instant createdAt,
                         Instant updatedAt) {

    public Method methodEnum() {
        return Method.fromColumn(method);
    }

    public ConnectionState stateEnum() {
        return ConnectionState.fromColumn(state);
    }
}
