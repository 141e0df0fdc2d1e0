package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.Accounts;
import agento.support.AgentoFixture;
import agento.support.TestApp;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Your own password, and an administrator's changes to other accounts: role, password, removal. */
class UserAdministrationHttpTest {
    static final String KEY = "sk-proj-AdminTestsKey0123456789AbCdEf";

    @RegisterExtension
    final AgentoFixture fixture = AgentoFixture.withOpenAiApi(api -> api.acceptKey(KEY)).withAliceAndBob();

    private long idOf(TestApp app, String email) {
        return app.count("SELECT id FROM users WHERE email = '" + email + "'");
    }

    @Test
    void changing_your_password_needs_the_current_one_and_then_only_the_new_one_works() {
        WebClient bob = fixture.bob();
        WebClient.Response wrong = bob.post("/account/password", Map.of("currentPassword", "nope",
                "newPassword", "a new passphrase", "confirmPassword", "a new passphrase"));
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.location()).isEqualTo("/account");
        assertThat(bob.follow(wrong).body()).contains("That is not your current password.");
        WebClient.Response mismatch = bob.post("/account/password", Map.of("currentPassword", Accounts.PASSWORD,
                "newPassword", "a new passphrase", "confirmPassword", "another one"));
        assertThat(bob.follow(mismatch).body()).contains("The two passwords do not match.");

        WebClient.Response changed = bob.post("/account/password", Map.of("currentPassword", Accounts.PASSWORD,
                "newPassword", "a new passphrase", "confirmPassword", "a new passphrase"));

        assertThat(bob.follow(changed).body()).contains("Your password was changed.");
        assertThat(new WebClient(fixture.app()).signIn(AgentoFixture.BOB, Accounts.PASSWORD).status()).isEqualTo(401);
        assertThat(new WebClient(fixture.app()).signIn(AgentoFixture.BOB, "a new passphrase").status()).isEqualTo(303);
    }

    @Test
    void an_administrator_resets_a_password_and_changes_a_role_which_applies_at_once() {
        WebClient alice = fixture.alice();
        WebClient bob = fixture.bob();
        long bobId = idOf(fixture.app(), AgentoFixture.BOB);
        assertThat(bob.get("/admin/users").status()).isEqualTo(404);

        assertThat(alice.follow(alice.post("/admin/users/" + bobId + "/password", Map.of("password", "reset by alice")))
                .body()).contains("New password set for bob@example.com.");
        assertThat(alice.follow(alice.post("/admin/users/" + bobId + "/role", Map.of("role", "admin"))).body())
                .contains("bob@example.com is now an administrator.");

        assertThat(bob.get("/admin/users").status()).isEqualTo(200);
        assertThat(new WebClient(fixture.app()).signIn(AgentoFixture.BOB, "reset by alice").status()).isEqualTo(303);
        WebClient.Response demoted = bob.post("/admin/users/" + bobId + "/role", Map.of("role", "user"));
        assertThat(demoted.location()).as("no longer an admin: their own account page").isEqualTo("/account");
        assertThat(bob.follow(demoted).body()).contains("bob@example.com is now a user.");
        assertThat(bob.get("/admin/users").status()).isEqualTo(404);
    }

    @Test
    void the_last_administrator_stays_one_and_nobody_removes_themselves() {
        WebClient alice = fixture.alice();
        long aliceId = idOf(fixture.app(), AgentoFixture.ALICE);

        WebClient.Response demote = alice.post("/admin/users/" + aliceId + "/role", Map.of("role", "user"));

        assertThat(demote.status()).isEqualTo(303);
        assertThat(demote.location()).isEqualTo("/admin/users");
        assertThat(alice.follow(demote).body()).contains("Agento needs at least one administrator");
        WebClient.Response remove = alice.post("/admin/users/" + aliceId + "/remove", Map.of());
        assertThat(alice.follow(remove).body()).contains("You cannot remove your own account.");
        assertThat(alice.get("/admin/users").status()).isEqualTo(200);
    }

    @Test
    void removing_a_user_ends_their_session_and_takes_their_agents_secrets_and_connectors() {
        WebClient alice = fixture.alice();
        WebClient bob = fixture.bob();
        long bobId = idOf(fixture.app(), AgentoFixture.BOB);
        long agent = Accounts.agent(bob, "Bob's agent");
        bob.post("/agents/" + agent + "/connection/api-key", Map.of("apiKey", KEY));
        bob.post("/connectors/variables", Map.of("name", "BOB_SECRET", "value", "bob-secret-value"));
        assertThat(fixture.app().count("SELECT COUNT(*) FROM secrets")).isPositive();
        assertThat(alice.get("/admin/users/" + bobId + "/remove").body()).contains("Remove user");

        WebClient.Response removed = alice.post("/admin/users/" + bobId + "/remove", Map.of());

        assertThat(alice.follow(removed).body()).contains("Removed bob@example.com and everything the account owned.");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM agents WHERE owner_id = " + bobId)).isZero();
        assertThat(fixture.app().count("SELECT COUNT(*) FROM secrets")).isZero();
        WebClient.Response afterwards = bob.get("/");
        assertThat(afterwards.status()).isEqualTo(302);
        assertThat(afterwards.location()).contains("/login");
    }

    @Test
    void the_command_line_recovery_gives_an_administrator_a_new_password_that_works() {
        String password = new UserAdministration(fixture.app().jdbi()).recoverAdmin(AgentoFixture.ALICE).orElseThrow();

        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(new WebClient(fixture.app()).signIn(AgentoFixture.ALICE, password).status()).isEqualTo(303);
        assertThat(new UserAdministration(fixture.app().jdbi()).recoverAdmin(AgentoFixture.BOB)).isEmpty();
    }
}
