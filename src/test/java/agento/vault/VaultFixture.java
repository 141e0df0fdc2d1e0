package agento.vault;

import agento.db.Database;
import agento.support.ScratchDir;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real H2 file database and a data directory in one temp dir, with SQL peeks the vault tests need. As
 * {@code @RegisterExtension final VaultFixture fixture = new VaultFixture();} each test gets a fresh one, open
 * from the start so that the test's fields can use it.
 */
final class VaultFixture implements AfterEachCallback, AutoCloseable {
    Path dir;
    Path dataDir;
    private ScratchDir scratch;
    private Database database;

    /** Opens in a temp dir of its own, deleted after the test. */
    VaultFixture() {
        scratch = ScratchDir.create("agento-vault");
        open(scratch.path());
    }

    /** Opens in {@code dir}, next to another fixture. */
    VaultFixture(Path dir) {
        open(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            close();
        } finally {
            scratch.close();
        }
    }

    private void open(Path dir) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.database = openDatabase();
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    SecretVault openVault(String masterKeyOrNull) {
        return SecretVault.open(dataDir, masterKeyOrNull, jdbi());
    }

    SecretStore openStore(String masterKeyOrNull) {
        return new SecretStore(jdbi(), openVault(masterKeyOrNull));
    }

    Path keysetPath() {
        return dataDir.resolve("vault").resolve("keyset.json");
    }

    void put(SecretStore store, SecretRef ref, String plaintext) {
        jdbi().useTransaction(h -> store.put(h, ref, plaintext));
    }

    byte[] ciphertextOf(SecretRef ref) {
        return jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM secrets"
                        + " WHERE owner_kind = :k AND owner_id = :o AND name = :n")
                .bind("k", ref.ownerKind()).bind("o", ref.ownerId()).bind("n", ref.name())
                .mapTo(byte[].class).one());
    }

    long keyIdColumnOf(SecretRef ref) {
        return jdbi().withHandle(h -> h.createQuery("SELECT key_id FROM secrets"
                        + " WHERE owner_kind = :k AND owner_id = :o AND name = :n")
                .bind("k", ref.ownerKind()).bind("o", ref.ownerId()).bind("n", ref.name())
                .mapTo(Long.class).one());
    }

    boolean isFlaggedUnreadable(SecretRef ref) {
        return jdbi().withHandle(h -> h.createQuery("SELECT unreadable FROM secrets"
                        + " WHERE owner_kind = :k AND owner_id = :o AND name = :n")
                .bind("k", ref.ownerKind()).bind("o", ref.ownerId()).bind("n", ref.name())
                .mapTo(Boolean.class).one());
    }

    int count(String table) {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    byte[] canaryCiphertext() {
        return jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM vault_canary").mapTo(byte[].class).one());
    }

    /** Tink prefixes each ciphertext with a version byte and the big-endian id of the key that made it. */
    static long keyIdInside(byte[] ciphertext) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    static String newMasterKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    void reopenDatabase() {
        database.close();
        database = openDatabase();
    }

    private Database openDatabase() {
        return Database.open("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=0", "sa", "");
    }

    @Override
    public void close() {
        database.close();
    }
}
