package agento.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain JDBC that runs before the server answers: one transaction, all or nothing, text without NUL. */
class JdbcTest {
    private final JdbcDataSource dataSource = new JdbcDataSource();

    @BeforeEach
    void table() {
        dataSource.setURL("jdbc:h2:mem:jdbc-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Jdbc.useTransaction(dataSource, c -> Jdbc.update(c, "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(100))"));
    }

    private List<String> notes() {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.list(c, "SELECT text FROM notes ORDER BY id", row -> row.getString(1)));
    }

    @Test
    void work_that_returns_is_committed_and_rows_read_back_in_order() {
        int changed = Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO notes VALUES (?, ?)", 2, "second")
                + Jdbc.update(c, "INSERT INTO notes VALUES (?, ?)", 1, "first"));

        assertThat(changed).isEqualTo(2);
        assertThat(notes()).containsExactly("first", "second");
    }

    @Test
    void work_that_throws_changes_nothing() {
        assertThatThrownBy(() -> Jdbc.useTransaction(dataSource, c -> {
            Jdbc.update(c, "INSERT INTO notes VALUES (?, ?)", 1, "kept only if all succeed");
            Jdbc.update(c, "INSERT INTO notes VALUES (?, ?)", 1, "the same key again");
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("a database statement failed: ");

        assertThat(notes()).isEmpty();
    }

    @Test
    void text_is_bound_without_nul_as_through_jdbi() {
        Jdbc.useTransaction(dataSource, c -> Jdbc.update(c, "INSERT INTO notes VALUES (?, ?)", 1, "a\0b"));

        assertThat(notes()).containsExactly("a\uFFFDb");
    }
}
