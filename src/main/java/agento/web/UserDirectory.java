package agento.web;

import java.util.Optional;

/** What the route guard asks about accounts: is setup still open, and is a signed-in person still who they were. */
public interface UserDirectory {
    boolean setupNeeded();

    /**
     * The session's user as the accounts now stand: empty when the account was removed (the session ends), with the
     * current role when an administrator changed it.
     */
    Optional<SessionUser> current(SessionUser user);
}
