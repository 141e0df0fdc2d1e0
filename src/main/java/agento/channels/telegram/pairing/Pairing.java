package agento.channels.telegram.pairing;

import agento.channels.telegram.bots.Policy;
import agento.common.InvalidInputException;
import agento.db.Reads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Who may talk to an agent on Telegram: the policy applied to each sender, pairing codes (one hour, at most three
 * waiting per bot), and the owner's Approve, Deny, Remove and added user ids.
 */
public final class Pairing {
    private static final String PEOPLE = "SELECT * FROM telegram_users WHERE agent_id = :agent "
            + "AND status IN ('pending', 'approved') ORDER BY created_at, telegram_user_id";
    private static final RowMapper<TelegramUser> USERS = Reads.rowsOf(TelegramUser.class);
    public static final Duration CODE_LIFETIME = Duration.ofHours(1);
    public static final int MAX_PENDING = 3;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int MAX_NAME = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final RandomGenerator random;

    public Pairing(Jdbi jdbi, Clock clock, RandomGenerator random) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
    }

    /** What the bot does with a message: pass it to the agent ({@code allowed}), or answer {@code reply} instead. */
    public record Admission(boolean allowed, String reply) {
        static Admission allow() {
            return new Admission(true, null);
        }

        static Admission answer(String reply) {
            return new Admission(false, reply);
        }
    }

    /** Applies {@code policy} to a message from {@code userId}; under Pairing an unknown sender gets a code. */
    public Admission admit(long agentId, Policy policy, long userId, String rawName) {
        String name = clean(rawName);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            TelegramUserRepository users = h.attach(TelegramUserRepository.class);
            users.deleteExpired(agentId, now);
            Optional<TelegramUser> known = users.find(agentId, userId);
            if (known.isPresent() && known.get().isApproved()) {
                if (!name.isEmpty()) {
                    users.rename(agentId, userId, name);
                }
                return Admission.allow();
            }
            if (policy == Policy.ANYONE) {
                return Admission.allow();
            }
            if (policy == Policy.ALLOWED) {
                return Admission.answer("Sorry, this agent only talks to people its owner added. Your Telegram user "
                        + "id is " + userId + ": send it to the owner if they should add you.");
            }
            if (known.isPresent()) {
                return Admission.answer(codeReply(known.get().pairingCode()));
            }
            if (users.pendingCount(agentId) >= MAX_PENDING) {
                return Admission.answer("This agent has too many pairing requests waiting for its owner. Try again "
                        + "in an hour.");
            }
            String code = newCode();
            users.insert(agentId, userId, name.isEmpty() ? null : name, TelegramUser.PENDING, code,
                    now.plus(CODE_LIFETIME), false, now);
            return Admission.answer(codeReply(code));
        });
    }

    /** Who the card lists: requests still waiting (expired ones left out) and approved users, in one read. */
    public record People(List<TelegramUser> pending, List<TelegramUser> approved) {}

    public People people(long agentId) {
        Instant now = clock.instant();
        List<TelegramUser> all = Reads.list(jdbi, PEOPLE, USERS, "agent", agentId);
        return new People(all.stream().filter(u -> TelegramUser.PENDING.equals(u.status()) && u.expiresAt() != null
                        && u.expiresAt().isAfter(now)).toList(),
                all.stream().filter(u -> TelegramUser.APPROVED.equals(u.status())).toList());
    }

    /** The owner's own Telegram account, when they marked one: where credential alerts go. */
    public Optional<TelegramUser> ownerAccount(long agentId) {
        return jdbi.withExtension(TelegramUserRepository.class, r -> r.owner(agentId));
    }

    /** Approve: the request becomes an approved user ({@code owner}: it is the owner's own account). */
    public void approve(long agentId, String rawUserId, boolean owner) {
        long userId = userId(rawUserId);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            TelegramUserRepository users = h.attach(TelegramUserRepository.class);
            Optional<TelegramUser> request = users.find(agentId, userId)
                    .filter(u -> !u.isApproved() && u.expiresAt() != null && u.expiresAt().isAfter(now));
            if (request.isEmpty()) {
                throw new InvalidInputException("telegram", "This pairing request is no longer waiting (it expired "
                        + "or was answered). Ask them to write to the bot again.");
            }
            approve(users, agentId, userId, owner);
        });
    }

    /** Deny: the request is dropped; the person may write again later and get a new code. */
    public void deny(long agentId, String rawUserId) {
        long userId = userId(rawUserId);
        jdbi.useExtension(TelegramUserRepository.class, r -> r.delete(agentId, userId, TelegramUser.PENDING));
    }

    public void remove(long agentId, String rawUserId) {
        long userId = userId(rawUserId);
        jdbi.useExtension(TelegramUserRepository.class, r -> r.delete(agentId, userId, TelegramUser.APPROVED));
    }

    /** Adds a numeric user id to the approved users (the list "Allowed users only" lets in). */
    public void add(long agentId, String rawUserId, boolean owner) {
        long userId = userId(rawUserId);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            TelegramUserRepository users = h.attach(TelegramUserRepository.class);
            if (users.find(agentId, userId).isEmpty()) {
                users.insert(agentId, userId, null, TelegramUser.APPROVED, null, null, false, now);
            }
            approve(users, agentId, userId, owner);
        });
    }

    private static void approve(TelegramUserRepository users, long agentId, long userId, boolean owner) {
        users.approve(agentId, userId, owner);
        if (owner) {
            users.clearOtherOwners(agentId, userId);
        }
    }

    private static long userId(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.matches("[1-9][0-9]{0,14}")) {
            return Long.parseLong(value);
        }
        throw new InvalidInputException("userId", "A Telegram user id is a number, such as 123456789.");
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            code.append(i == 4 ? "-" : "").append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String codeReply(String code) {
        return "Hi! This agent doesn't know you yet. Your pairing code is " + code + ". Ask the agent's owner to "
                + "approve it in Agento (Settings \u2192 Channels \u2192 Telegram). The code expires in one hour.";
    }

    // Telegram names are untrusted: one printable line, capped
    private static String clean(String name) {
        String line = name == null ? "" : name.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_NAME ? line.substring(0, MAX_NAME) : line;
    }
}
