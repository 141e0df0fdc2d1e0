package agento.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import agento.support.AgentoFixture;
import agento.support.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without JavaScript the account forms redirect after the post: back to the page, which says what happened (next to
 * the field when it was refused), once; no password ever comes back and a refusal changes nothing.
 */
class AccountFormsRedirectHttpTest {
    @RegisterExtension
    static final AgentoFixture fixture = AgentoFixture.plain().withAliceAndBob();
    private final WebClient alice = fixture.alice();
    private final WebClient bob = fixture.bob();

    private String hashOf(String email) {
        return fixture.app().jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE email = :e")
                .bind("e", email).mapTo(String.class).one());
    }

    @Test
    void a_refused_password_change_shows_the_message_next_to_the_field_and_no_password() {
        String hash = hashOf(AgentoFixture.BOB);
        WebClient.Response refused = bob.post("/account/password", Map.of("currentPassword", "Wrong-Typed-Secret",
                "newPassword", "New-Typed-Secret", "confirmPassword", "New-Typed-Secret"));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/account");
        String page = bob.follow(refused).body();
        assertThat(page).contains("id=\"current-password-error\"").contains("That is not your current password.")
                .doesNotContain("Wrong-Typed-Secret").doesNotContain("New-Typed-Secret");
        assertThat(bob.get("/account").body()).as("shown once").doesNotContain("That is not your current password.");
        assertThat(hashOf(AgentoFixture.BOB)).isEqualTo(hash);
    }

    @Test
    void a_refused_new_user_keeps_the_email_typed_but_not_the_password() {
        int before = fixture.app().count("SELECT COUNT(*) FROM users");

        WebClient.Response refused = alice.post("/admin/users", Map.of("email", "not-an-address",
                "password", "Initial-Typed-Secret"));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/admin/users#add-user-heading");
        String page = alice.follow(refused).body();
        assertThat(page).contains("id=\"new-user-email-error\"").contains("Enter a valid e-mail address")
                .contains("value=\"not-an-address\"").doesNotContain("Initial-Typed-Secret");
        assertThat(fixture.app().count("SELECT COUNT(*) FROM users")).isEqualTo(before);
    }

    @Test
    void a_reset_password_says_so_on_the_users_page_without_the_password() {
        long bobId = fixture.app().count("SELECT id FROM users WHERE email = '" + AgentoFixture.BOB + "'");

        WebClient.Response reset = alice.post("/admin/users/" + bobId + "/password",
                Map.of("password", "Reset-Typed-Secret"));

        assertThat(reset.status()).isEqualTo(303);
        assertThat(reset.location()).isEqualTo("/admin/users");
        assertThat(alice.follow(reset).body()).contains("New password set for " + AgentoFixture.BOB + ".")
                .doesNotContain("Reset-Typed-Secret");
        WebClient.Response tooShort = alice.post("/admin/users/" + bobId + "/password", Map.of("password", "short"));
        assertThat(alice.follow(tooShort).body()).contains("alert error").doesNotContain("value=\"short\"");
    }
}
