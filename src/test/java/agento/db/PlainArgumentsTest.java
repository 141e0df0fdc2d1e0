package agento.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.Test;

/** The values Agento binds most go to the database as Jdbi's own factories sent them, and text never carries a NUL. */
class PlainArgumentsTest {
    private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:plain-arguments-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .registerArgument(new PlainArguments());

    private Map<String, Object> echo(java.util.function.UnaryOperator<Query> binds) {
        return jdbi.withHandle(h -> binds.apply(h.createQuery("SELECT CAST(:text AS VARCHAR) AS text,"
                        + " CAST(:whole AS BIGINT) AS whole, CAST(:count AS INT) AS count, CAST(:yes AS BOOLEAN) AS yes"))
                .mapToMap().one());
    }

    @Test
    void boxed_and_primitive_values_arrive_as_they_were() {
        Map<String, Object> row = echo(q -> q.bind("text", "plain").bind("whole", 9_000_000_000L).bind("count", 7)
                .bind("yes", true));
        assertThat(row).containsEntry("text", "plain").containsEntry("whole", 9_000_000_000L)
                .containsEntry("count", 7).containsEntry("yes", true);
        row = echo(q -> q.bind("text", (Object) "boxed").bind("whole", Long.valueOf(-4)).bind("count", Integer.valueOf(0))
                .bind("yes", Boolean.FALSE));
        assertThat(row).containsEntry("text", "boxed").containsEntry("whole", -4L).containsEntry("count", 0)
                .containsEntry("yes", false);
    }

    @Test
    void typed_nulls_arrive_as_sql_null() {
        Map<String, Object> row = echo(q -> q.bindByType("text", null, String.class).bindByType("whole", null, Long.class)
                .bindByType("count", null, Integer.class).bindByType("yes", null, Boolean.class));
        assertThat(row.values()).containsOnlyNulls();
    }

    @Test
    void text_is_bound_without_nul_directly_and_inside_an_optional() {
        assertThat(echo(q -> q.bind("text", "a\0b").bind("whole", 1L).bind("count", 1).bind("yes", true)))
                .containsEntry("text", "a\uFFFDb");
        assertThat(echo(q -> q.bind("text", Optional.of("\0")).bind("whole", 1L).bind("count", 1).bind("yes", true)))
                .containsEntry("text", "\uFFFD");
    }
}
