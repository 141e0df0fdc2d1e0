package agento.accounts;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} with unpadded
 * Base64, as the reference implementation, password4j (which wrote the hashes of earlier versions) and most other
 * libraries write it. Only the parameter ranges a hash of ours can have are accepted, so a damaged row cannot make a
 * sign-in allocate gigabytes.
 */
record Argon2Hash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    // twice what we write: a damaged or planted row cannot make one check take the heap or hold a slot for long
    static final int MAX_MEMORY_KIB = 2 * PasswordHasher.MEMORY_KIB;
    static final int MAX_ITERATIONS = 10;
    static final int MAX_PARALLELISM = 4;

    /** The hash stored as text, or null when it is not an Argon2id hash we could have written. */
    static Argon2Hash parse(String stored) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        if (m == null || !m.matches()) {
            return null;
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS || parallelism < 1
                || parallelism > MAX_PARALLELISM || memory < 8 * parallelism) {
            return null;
        }
        try {
            return new Argon2Hash(memory, iterations, parallelism, Base64.getDecoder().decode(m.group(4)),
                    Base64.getDecoder().decode(m.group(5)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String encoded() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return "Argon2Hash[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "]";
    }
}
