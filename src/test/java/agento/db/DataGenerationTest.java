package agento.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a kept page relies on: the number moves with every write through Jdbi, once before the write and once after
 * its transaction ended, and never for a read.
 */
class DataGenerationTest {
    private Database database;
    private DataGeneration generation;

    interface Rows {
        @SqlBatch("INSERT INTO t (x) VALUES (:x)")
        void insert(@Bind("x") List<Integer> xs);
    }

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:mem:generation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE t (x INT)"));
        generation = database.generation();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void reads_leave_it_and_every_kind_of_write_moves_it() {
        long before = generation.current();
        database.jdbi().useHandle(h -> h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one());
        assertThat(database.isReachable()).isTrue();
        assertThat(generation.current()).as("reads").isEqualTo(before);

        database.jdbi().useHandle(h -> h.execute("INSERT INTO t (x) VALUES (1)"));
        long afterInsert = generation.current();
        assertThat(afterInsert).as("a statement on its own").isGreaterThan(before);

        database.jdbi().useExtension(Rows.class, rows -> rows.insert(List.of(2, 3)));
        long afterBatch = generation.current();
        assertThat(afterBatch).as("a SQL Object's batch").isGreaterThan(afterInsert);

        database.jdbi().useHandle(h -> h.createQuery("SELECT x FROM FINAL TABLE (INSERT INTO t (x) VALUES (4))")
                .mapTo(Integer.class).one());
        assertThat(generation.current()).as("a SELECT that inserts").isGreaterThan(afterBatch);
    }

    @Test
    void a_transaction_moves_it_before_its_first_write_and_again_once_committed() {
        long before = generation.current();
        long[] during = new long[1];
        database.jdbi().useTransaction(h -> {
            h.execute("INSERT INTO t (x) VALUES (1)");
            assertThat(generation.current()).as("before the write is seen by anyone").isGreaterThan(before);
            h.execute("INSERT INTO t (x) VALUES (2)");
            during[0] = generation.current(); // after the last write, before the commit
        });
        assertThat(generation.current()).as("a copy stamped inside the transaction is stale once it committed")
                .isGreaterThan(during[0]);
    }

    @Test
    void only_statements_that_start_with_select_and_write_nothing_are_reads() {
        assertThat(DataGeneration.isRead("SELECT 1")).isTrue();
        assertThat(DataGeneration.isRead("  (select x FROM t)")).isTrue();
        assertThat(DataGeneration.isRead("SELECT x FROM new_table_names")).isTrue();
        assertThat(DataGeneration.isRead("select x from final table (insert into t values (1))")).isFalse();
        assertThat(DataGeneration.isRead("SELECTED")).isFalse();
        assertThat(DataGeneration.isRead("WITH a AS (SELECT 1) SELECT * FROM a")).isFalse();
        assertThat(DataGeneration.isRead("UPDATE t SET x = 1")).isFalse();
        assertThat(DataGeneration.isRead(null)).isFalse();
    }
}
