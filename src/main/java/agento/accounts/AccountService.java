package agento.accounts;

import agento.common.InvalidInputException;
import agento.db.Reads;
import agento.web.SessionUser;
import agento.web.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts: first-run setup, sign-in with throttling, and users added by an admin. */
public final class AccountService implements UserDirectory {
    private static final String FIND_BY_ID = "SELECT * FROM users WHERE id = :id";
    private static final String CURRENT = "SELECT email, role FROM users WHERE id = :id";
    private static final RowMapper<User> USERS = Reads.rowsOf(User.class);
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final LoginThrottle throttle;
    private volatile boolean usersExist;

    public AccountService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.throttle = new LoginThrottle(jdbi, clock);
    }

    /** What a sign-in attempt came to. */
    public sealed interface SignIn {
        record Success(User user) implements SignIn {}
        record WrongCredentials() implements SignIn {}
        record Throttled(Duration retryAfter) implements SignIn {}
        /** Too many passwords were being checked at once: nothing was checked or counted. */
        record Busy() implements SignIn {}
    }

    /** True until the first account exists; after that setup is closed for good. */
    @Override
    public boolean setupNeeded() {
        if (!usersExist) {
            usersExist = jdbi.withExtension(UserRepository.class, UserRepository::count) > 0;
        }
        return !usersExist;
    }

    /** Creates the first (admin) account; refused once any account exists. */
    public synchronized User createFirstAdmin(String email, String password, String confirmation) {
        if (!setupNeeded()) {
            throw new IllegalStateException("setup is closed");
        }
        User admin = create(email, password, confirmation, "admin");
        usersExist = true;
        log.info("security: first admin account created id={}", admin.id());
        return admin;
    }

    /** An admin adds an account with an initial password. */
    public User createUser(String email, String password) {
        User user = create(email, password, password, "user");
        log.info("security: account id={} created by an admin", user.id());
        return user;
    }

    public List<User> listUsers() {
        return jdbi.withExtension(UserRepository.class, UserRepository::listAll);
    }

    public Optional<User> findUser(long id) {
        return findUser(jdbi, id);
    }

    static Optional<User> findUser(Jdbi jdbi, long id) {
        return Reads.one(jdbi, FIND_BY_ID, USERS, "id", id);
    }

    /** Checks a password, throttled per account and per client address; says nothing about which part was wrong. */
    public SignIn signIn(String rawEmail, String password, String clientAddress) {
        String email = normalise(rawEmail);
        // a digest keeps the key inside its column whatever was typed, and keeps e-mails out of the throttle table
        String accountKey = "email:" + digest(email);
        String addressKey = "ip:" + clientAddress;
        Duration wait = max(throttle.waitFor(accountKey), throttle.waitFor(addressKey));
        if (!wait.isZero()) {
            log.warn("security: sign-in throttled for address {}", clientAddress);
            return new SignIn.Throttled(wait);
        }
        Optional<User> user = jdbi.withExtension(UserRepository.class, r -> r.findByEmail(email));
        boolean ok;
        try {
            boolean usable = password != null && password.length() <= MAX_PASSWORD;
            if (user.isPresent() && usable) {
                ok = hasher.matches(password, user.get().passwordHash());
            } else { // as long as a check, whichever part was wrong: the time tells nothing about the account
                hasher.burnTime(usable ? password : "");
                ok = false;
            }
        } catch (HashingSlots.Busy e) {
            log.warn("security: sign-in from {} refused: every password-hashing slot is taken", clientAddress);
            return new SignIn.Busy();
        }
        if (!ok) {
            throttle.recordFailure(accountKey);
            throttle.recordFailure(addressKey);
            log.warn("security: failed sign-in for {} from {} at {}", user.map(u -> "user id=" + u.id())
                    .orElse("an unknown account"), clientAddress, clock.instant());
            return new SignIn.WrongCredentials();
        }
        throttle.reset(accountKey);
        log.info("security: user id={} signed in from {}", user.get().id(), clientAddress);
        return new SignIn.Success(user.get());
    }

    private User create(String rawEmail, String password, String confirmation, String role) {
        String email = normalise(rawEmail);
        Map<String, String> errors = new LinkedHashMap<>();
        if (email.isEmpty()) {
            errors.put("email", "Enter an e-mail address.");
        } else if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            errors.put("email", "Enter a valid e-mail address, like name@example.com.");
        }
        checkNewPassword(password, confirmation, "password", "confirmPassword", errors);
        if (errors.isEmpty() && jdbi.withExtension(UserRepository.class, r -> r.findByEmail(email)).isPresent()) {
            errors.put("email", "An account with this e-mail address already exists.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String hash = hashOrRefuse(hasher, password, "password");
        long id = jdbi.withExtension(UserRepository.class, r -> r.insert(email, hash, role, clock.instant()));
        return findUser(id).orElseThrow();
    }

    /** The new password's hash; when too many are being computed, a message next to {@code field} instead. */
    static String hashOrRefuse(PasswordHasher hasher, String password, String field) {
        try {
            return hasher.hash(password);
        } catch (HashingSlots.Busy e) {
            throw new InvalidInputException(field, HashingSlots.Busy.MESSAGE);
        }
    }

    /** At least 8 characters, at most 1024, no composition rules; the confirmation must match. */
    static void checkNewPassword(String password, String confirmation, String field, String confirmField,
                                 Map<String, String> errors) {
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.put(field, "Use at least " + MIN_PASSWORD + " characters.");
        } else if (password.length() > MAX_PASSWORD) {
            errors.put(field, "Use at most " + MAX_PASSWORD + " characters.");
        } else if (!password.equals(confirmation)) {
            errors.put(confirmField, "The two passwords do not match.");
        }
    }

    /** Runs on every signed-in request: reads only what the session shows (never the password hash), mapped by hand. */
    @Override
    public Optional<SessionUser> current(SessionUser user) {
        return Reads.one(jdbi, CURRENT, (rs, ctx) -> new SessionUser(user.id(), rs.getString(1),
                User.isAdmin(rs.getString(2)), user.signedInAt()), "id", user.id());
    }

    private static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
