package agento.provider.core;

/** Revokes an OAuth refresh token that a switch or disconnect retired; best effort, never throws. */
public interface OldCredentialRevoker {
    /** Returns true when the provider confirmed the revocation. */
    boolean revoke(long agentId, String refreshToken);
}
