package agento.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (19 MiB, 2 passes, OWASP's first choice) through Bouncy Castle; never hand-written hashing. Hashes are
 * stored in the PHC format ({@link Argon2Hash}), so those written by earlier versions with password4j still verify.
 * Bouncy Castle's generator is made per hash and its memory is garbage when the hash is done: password4j kept a
 * zeroed 19 MiB block array for the life of the process (half of the server's live heap) and copied it on every hash.
 * At most {@link HashingSlots#PROCESS} hashes run at once; beyond that, {@link HashingSlots.Busy}.
 */
final class PasswordHasher {
    static final int MEMORY_KIB = 19 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final HashingSlots slots;

    PasswordHasher() {
        this(HashingSlots.PROCESS);
    }

    PasswordHasher(HashingSlots slots) {
        this.slots = slots;
    }

    // verified against for unknown e-mails, so a miss costs as much time as a wrong password. Random bytes in the
    // shape of one of our hashes: checking against it costs a real check, and making it costs no hash (and no slot,
    // so it cannot fail while every slot is taken)
    private static final String DECOY = new Argon2Hash(MEMORY_KIB, ITERATIONS, PARALLELISM, random(SALT_BYTES),
            random(HASH_BYTES)).encoded();

    String hash(String password) {
        byte[] salt = random(SALT_BYTES);
        return slots.run(() -> new Argon2Hash(MEMORY_KIB, ITERATIONS, PARALLELISM, salt,
                argon2id(password, MEMORY_KIB, ITERATIONS, PARALLELISM, salt, HASH_BYTES)).encoded());
    }

    /** False for a wrong password and for a stored value that is not an Argon2id hash of ours. */
    boolean matches(String password, String stored) {
        Argon2Hash expected = Argon2Hash.parse(stored);
        if (expected == null) {
            return false;
        }
        byte[] actual = slots.run(() -> argon2id(password, expected.memoryKib(), expected.iterations(),
                expected.parallelism(), expected.salt(), expected.hash().length));
        return MessageDigest.isEqual(actual, expected.hash());
    }

    void burnTime(String password) {
        matches(password, DECOY);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] argon2id(String password, int memoryKib, int iterations, int parallelism, byte[] salt,
                                   int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
