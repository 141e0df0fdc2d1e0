package agento.accounts;

import java.time.Instant;

/** A row of {@code users}. */
public record User(long id, String email, String passwordHash, String role, Instant createdAt) {
    public boolean isAdmin() {
        return isAdmin(role);
    }

    static boolean isAdmin(String role) {
        return "admin".equals(role);
    }
}
