package agento.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A migration's history columns, as Flyway wrote them for the same script. */
class MigrationTest {
    @Test
    void the_description_is_the_words_after_the_version() {
        Migration migration = Migration.load("V10__sign_in_with_a_code", "h2");

        assertThat(migration.version()).isEqualTo(10);
        assertThat(migration.script()).isEqualTo("V10__sign_in_with_a_code.sql");
        assertThat(migration.description()).isEqualTo("sign in with a code");
    }

    @Test
    void the_checksum_leaves_out_line_breaks_so_a_script_saved_with_other_line_endings_keeps_it() {
        int unix = new Migration(1, "V1__x", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n").checksum();

        assertThat(new Migration(1, "V1__x", "CREATE TABLE a (id INT);\r\nCREATE TABLE b (id INT);\r\n").checksum())
                .isEqualTo(unix);
        assertThat(new Migration(1, "V1__x", "\uFEFFCREATE TABLE a (id INT);\nCREATE TABLE b (id INT);").checksum())
                .isEqualTo(unix);
        assertThat(new Migration(1, "V1__x", "CREATE TABLE a (id INT);\nCREATE TABLE c (id INT);\n").checksum())
                .isNotEqualTo(unix);
    }
}
