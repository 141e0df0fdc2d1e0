package agento.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id (19 MiB, 2 passes) through password4j; never hand-written hashing. */
final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);

    // verified against for unknown e-mails, so a miss costs as much time as a wrong password; made on first use, not
    // while the server starts (a hash takes a noticeable part of a second before the JIT has warmed up)
    private static final class Decoy {
        static final String HASH = ARGON2ID.hash("decoy-password-for-timing").getResult();
    }

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    void burnTime(String password) {
        matches(password, Decoy.HASH);
    }
}
