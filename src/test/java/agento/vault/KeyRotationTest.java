package agento.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRotationTest {
    private static final SecretRef ALICE_KEY = SecretRef.of("agent", 1, "openai_api_key");
    private static final SecretRef BOB_KEY = SecretRef.of("agent", 2, "openai_api_key");
    private static final String STATE = "state-abc";
    private static final SecretRef VERIFIER = new SecretRef("oauth_flow", STATE, "code_verifier");

    @RegisterExtension
    final VaultFixture fixture = new VaultFixture();
    private SecretVault before;

    @BeforeEach
    void open() {
        before = fixture.openVault(null);
        SecretStore store = new SecretStore(fixture.jdbi(), before);
        fixture.put(store, ALICE_KEY, "sk-proj-CANARY-alice");
        fixture.put(store, BOB_KEY, "sk-proj-CANARY-bob");
    }

    @Test
    void rotation_keeps_every_secret_readable_and_counts_what_it_re_encrypted() {
        int count = KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());

        assertThat(count).isEqualTo(3); // two secrets and the canary
        SecretStore store = fixture.openStore(null);
        assertThat(store.read(ALICE_KEY)).contains("sk-proj-CANARY-alice");
        assertThat(store.read(BOB_KEY)).contains("sk-proj-CANARY-bob");
    }

    @Test
    void after_rotation_every_ciphertext_is_made_by_the_new_primary_key() {
        KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());
        SecretVault after = fixture.openVault(null);

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        for (SecretRef ref : new SecretRef[] {ALICE_KEY, BOB_KEY}) {
            assertThat(fixture.keyIdColumnOf(ref)).isEqualTo(after.primaryKeyId());
            assertThat(VaultFixture.keyIdInside(fixture.ciphertextOf(ref))).isEqualTo(after.primaryKeyId());
        }
        assertThat(VaultFixture.keyIdInside(fixture.canaryCiphertext())).isEqualTo(after.primaryKeyId());
    }

    @Test
    void new_secrets_after_rotation_use_the_new_key_id() {
        KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());
        SecretVault after = fixture.openVault(null);
        SecretRef carol = SecretRef.of("agent", 3, "openai_api_key");

        fixture.put(new SecretStore(fixture.jdbi(), after), carol, "sk-proj-CANARY-carol");

        assertThat(fixture.keyIdColumnOf(carol)).isEqualTo(after.primaryKeyId());
    }

    @Test
    void old_keys_stay_in_the_keyset_so_old_ciphertexts_still_decrypt() {
        byte[] oldCiphertext = before.encrypt("sk-proj-CANARY-old", "ad");

        KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());

        assertThat(fixture.openVault(null).decrypt(oldCiphertext, "ad")).isEqualTo("sk-proj-CANARY-old");
    }

    @Test
    void rotation_re_encrypts_oauth_code_verifiers() {
        insertOAuthFlow("verifier-CANARY-123");

        int count = KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());

        SecretVault after = fixture.openVault(null);
        byte[] ciphertext = fixture.ciphertextOf(VERIFIER);
        assertThat(count).isEqualTo(4);
        assertThat(VaultFixture.keyIdInside(ciphertext)).isEqualTo(after.primaryKeyId());
        assertThat(after.decrypt(ciphertext, VERIFIER.associatedData())).isEqualTo("verifier-CANARY-123");
    }

    @Test
    void rotation_works_with_an_encrypted_keyset() {
        String masterKey = VaultFixture.newMasterKey();
        fixture.openVault(masterKey);

        KeyRotation.rotate(fixture.dataDir, masterKey, fixture.jdbi());

        assertThat(fixture.openStore(masterKey).read(ALICE_KEY)).contains("sk-proj-CANARY-alice");
        assertThatThrownBy(() -> fixture.openVault(null)).hasMessageContaining("AGENTO_MASTER_KEY");
    }

    @ParameterizedTest
    @EnumSource(KeyRotation.Step.class)
    void a_rotation_killed_at_any_step_leaves_every_secret_readable_after_reopening(KeyRotation.Step killedAt) {
        insertOAuthFlow("verifier-CANARY-123");

        assertThatThrownBy(() -> KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi(), step -> {
            if (step == killedAt) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");

        fixture.reopenDatabase();
        SecretVault reopened = fixture.openVault(null);
        SecretStore store = new SecretStore(fixture.jdbi(), reopened);
        assertThat(store.read(ALICE_KEY)).contains("sk-proj-CANARY-alice");
        assertThat(store.read(BOB_KEY)).contains("sk-proj-CANARY-bob");
        assertThat(store.read(VERIFIER)).contains("verifier-CANARY-123");
        // the killed transaction rolled back: rows still carry the old key
        assertThat(fixture.keyIdColumnOf(ALICE_KEY)).isEqualTo(before.primaryKeyId());
        assertThat(KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi())).isEqualTo(4);
        assertThat(fixture.openStore(null).read(BOB_KEY)).contains("sk-proj-CANARY-bob");
    }

    @Test
    void a_secret_that_no_longer_decrypts_is_flagged_and_does_not_block_rotating_the_others() {
        fixture.jdbi().useHandle(h -> h.execute("UPDATE secrets SET ciphertext = X'00' WHERE owner_id = '2'"));

        int count = KeyRotation.rotate(fixture.dataDir, null, fixture.jdbi());

        assertThat(count).isEqualTo(2);
        assertThat(fixture.isFlaggedUnreadable(BOB_KEY)).isTrue();
        assertThat(fixture.openStore(null).read(ALICE_KEY)).contains("sk-proj-CANARY-alice");
    }

    private void insertOAuthFlow(String verifier) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        fixture.jdbi().useTransaction(h -> {
            long userId = h.createUpdate("INSERT INTO users (email, password_hash, role, created_at)"
                            + " VALUES ('a@example.test', 'x', 'user', :now)")
                    .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            long agentId = h.createUpdate("INSERT INTO agents (owner_id, name, name_key, created_at, updated_at)"
                            + " VALUES (:owner, 'Helper', 'helper', :now, :now)")
                    .bind("owner", userId).bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO oauth_flows (state, session_binding, user_id, agent_id,"
                            + " redirect_uri, mode, created_at, expires_at)"
                            + " VALUES (:state, 'binding', :user, :agent, 'https://example.test/cb', 'connect', :now, :now)")
                    .bind("state", STATE).bind("user", userId).bind("agent", agentId)
                    .bind("now", now).execute();
            new SecretStore(fixture.jdbi(), before).put(h, VERIFIER, verifier);
        });
    }
}
