package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL repository vacuums its table once enough entries finished, and leaves a table its
 * user may not vacuum alone.
 */
class TableVacuumsTest {

    private static final String TYPE = "Vacuumed";
    private static final String HANDLER = "h";

    private final DataSource dataSource = TestDatabases.postgres();
    private final String table = TestDatabases.uniqueTable("vac");
    private final List<JdbcEventQueueRepository> repositories = new ArrayList<>();
    private String guest;
    private HikariDataSource guestPool;

    @AfterEach
    void tearDown() {
        repositories.forEach(JdbcEventQueueRepository::close);
        if (guestPool != null) {
            guestPool.close();
        }
        TestDatabases.drop(dataSource, table);
        if (guest != null) {
            TestDatabases.execute(dataSource, "DROP OWNED BY " + guest);
            TestDatabases.execute(dataSource, "DROP ROLE " + guest);
        }
    }

    @Test
    void vacuumsTheTableOnceEnoughEntriesFinished() {
        JdbcEventQueueRepository repository = repository(dataSource, 10);
        assertThat(manualVacuums()).isZero();

        finish(repository, 9);
        finish(repository, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> repository.vacuumCount() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> manualVacuums() == 1);
    }

    @Test
    void leavesATableItsUserMayNotVacuumAlone() {
        repository(dataSource, 0); // the owner makes the table
        guest = table + "_guest";
        TestDatabases.execute(dataSource, "CREATE ROLE " + guest + " LOGIN");
        for (String name : List.of(table, table + "_by_event", table + "_nodes")) {
            TestDatabases.execute(dataSource, "GRANT ALL ON " + name + " TO " + guest);
        }
        TestDatabases.execute(dataSource, "GRANT USAGE ON SEQUENCE " + table + "_seq_seq TO " + guest);
        guestPool = TestDatabases.pool(
                "guest", TestDatabases.Kind.POSTGRESQL.server().url(), guest, "", 2);
        JdbcEventQueueRepository repository = repository(guestPool, 1);

        finish(repository, 1);

        await().atMost(Duration.ofSeconds(20)).until(() -> repository.vacuumRefused());
        assertThat(repository.vacuumCount()).isZero();
        assertThat(manualVacuums()).isZero();
    }

    @Test
    void vacuumAfterZeroTurnsItOffAndANegativeNumberIsRefused() {
        JdbcEventQueueRepository repository = repository(dataSource, 0);

        finish(repository, 3);

        assertThat(repository.vacuumsTable()).isFalse();
        assertThatThrownBy(() -> JdbcEventQueueRepository.builder(dataSource).vacuumAfter(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vacuumAfter must be 0 (off) or a number of entries, but was -1");
    }

    private JdbcEventQueueRepository repository(DataSource source, int vacuumAfter) {
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(source)
                .tableName(table)
                .createSchema(source == dataSource)
                .vacuumAfter(vacuumAfter)
                .build();
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(TYPE, TestEvent.class);
        repository.attach(new RepositoryContext(types, 1_000_000));
        repositories.add(repository);
        return repository;
    }

    /** Enqueues, claims and completes {@code count} entries. */
    private static void finish(JdbcEventQueueRepository repository, int count) {
        Instant now = repository.clock().instant();
        List<NewQueueEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new NewQueueEntry(UUID.randomUUID(), TestEvent.of(TYPE, i), HANDLER, 100, false, 3, null, now));
        }
        assertThat(repository.enqueue(entries)).isEqualTo(count);
        List<ClaimedEntry> claimed = repository.claim(
                new ClaimRequest(now, count, Loop.FOREGROUND, Set.of(HANDLER), "node", now.plusSeconds(30)));
        List<ClaimRef> refs = claimed.stream().map(ClaimedEntry::ref).toList();
        assertThat(repository.complete(refs, now)).isEqualTo(count);
    }

    private long manualVacuums() {
        return TestDatabases.queryLong(
                dataSource, "SELECT vacuum_count FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass");
    }
}
