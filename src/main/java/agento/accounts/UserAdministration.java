package agento.accounts;

import agento.common.InvalidInputException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changing passwords and roles and removing accounts: a person's own password; an administrator's resets, role
 * changes and removals (never the last administrator); and the command line's recovery of an administrator.
 */
public final class UserAdministration {
    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final PasswordHasher hasher = new PasswordHasher();
    private final List<UserCleanup> cleanups = new CopyOnWriteArrayList<>();

    public UserAdministration(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Features that keep something per account remove it with the account. */
    public void onRemove(UserCleanup cleanup) {
        cleanups.add(cleanup);
    }

    /** The person's own password: the current one first, then the new one twice. */
    public void changeOwnPassword(long userId, String current, String password, String confirmation) {
        User user = user(userId);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            if (current == null || current.length() > AccountService.MAX_PASSWORD
                    || !hasher.matches(current, user.passwordHash())) {
                errors.put("currentPassword", "That is not your current password.");
            }
        } catch (HashingSlots.Busy e) {
            throw new InvalidInputException("currentPassword", HashingSlots.Busy.MESSAGE);
        }
        AccountService.checkNewPassword(password, confirmation, "newPassword", "confirmPassword", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        setPassword(userId, password, "newPassword");
        log.info("security: user id={} changed their password", userId);
    }

    /** An administrator sets a new password for someone who lost theirs. */
    public User resetPassword(long adminId, long userId, String password) {
        User user = user(userId);
        Map<String, String> errors = new LinkedHashMap<>();
        AccountService.checkNewPassword(password, password, "password", "password", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        setPassword(userId, password, "password");
        log.info("security: admin id={} reset the password of user id={}", adminId, userId);
        return user;
    }

    /** Makes someone an administrator or a user; the last administrator stays one. */
    public User changeRole(long adminId, long userId, String role) {
        User user = user(userId);
        if (!"admin".equals(role) && !"user".equals(role)) {
            throw new InvalidInputException("role", "Choose Admin or User.");
        }
        if (user.isAdmin() && "user".equals(role) && admins() == 1) {
            throw new InvalidInputException("role", "Agento needs at least one administrator: make someone else an "
                    + "administrator first.");
        }
        jdbi.useExtension(UserRepository.class, r -> r.setRole(userId, role));
        log.info("security: admin id={} made user id={} {}", adminId, userId, role);
        return user;
    }

    /** Removes an account with everything it owns (agents, their credentials, connectors); never your own. */
    public User remove(long adminId, long userId) {
        User user = user(userId);
        if (adminId == userId) {
            throw new InvalidInputException("remove", "You cannot remove your own account.");
        }
        jdbi.useTransaction(h -> {
            for (UserCleanup cleanup : cleanups) {
                cleanup.beforeRemove(h, userId);
            }
            h.attach(UserRepository.class).delete(userId);
        });
        log.info("security: admin id={} removed user id={}", adminId, userId);
        return user;
    }

    /**
     * From the command line, with the server stopped: a new random password for the administrator {@code email}.
     * Returns it (to be shown once); empty when there is no such administrator.
     */
    public Optional<String> recoverAdmin(String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<User> admin = jdbi.withExtension(UserRepository.class, r -> r.findByEmail(normalised))
                .filter(User::isAdmin);
        admin.ifPresent(u -> log.info("security: administrator id={} password reset from the command line", u.id()));
        return admin.map(u -> {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            setPassword(u.id(), password, "password");
            return password;
        });
    }

    private void setPassword(long userId, String password, String field) {
        String hash = AccountService.hashOrRefuse(hasher, password, field);
        jdbi.useExtension(UserRepository.class, r -> r.setPasswordHash(userId, hash));
    }

    private int admins() {
        return jdbi.withExtension(UserRepository.class, UserRepository::admins);
    }

    private User user(long userId) {
        return AccountService.findUser(jdbi, userId)
                .orElseThrow(() -> new InvalidInputException("user", "There is no such account."));
    }
}
