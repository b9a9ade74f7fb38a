package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.RepositoryContractSupport;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PostgreSQL keeps one entry per event and handler in the table {@code <queue>_by_event}: whatever
 * deletes entries forgets their pairs, so the event can be published again; and a table of an
 * earlier build, whose queue table held the pairs in a unique index, is moved over when its schema
 * is created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresEntriesByEventTest extends RepositoryContractSupport {

    private final DataSource dataSource = TestDatabases.Kind.POSTGRESQL.dataSource();
    private final ContractTable contractTable = new ContractTable(TestDatabases.Kind.POSTGRESQL, "byevent", true);
    private final String table = contractTable.name();

    @Override
    protected EventQueueRepository newRepository() {
        return contractTable.freshRepository();
    }

    @AfterAll
    void dropTable() {
        contractTable.close();
    }

    @Test
    void anEventIsPublishedOncePerHandlerUntilItsEntryIsDeleted() {
        OrderPlacedEvent event = orderPlaced();
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build()))).isEqualTo(1);
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build()))).isZero();
        assertThat(pairs()).isEqualTo(1);

        TestDatabases.execute(dataSource, "DELETE FROM " + table + " WHERE event_id = '" + event.getEventId() + "'");

        assertThat(pairs()).isZero();
        assertThat(repository.enqueue(List.of(entry(event, HANDLER_1).build()))).isEqualTo(1);
        assertThat(repository.findByEventId(event.getEventId())).hasSize(1);
    }

    @Test
    void cleanupAndTruncateForgetThePairsOfWhatTheyDelete() {
        OrderPlacedEvent done = orderPlaced();
        OrderPlacedEvent waiting = orderPlaced();
        repository.enqueue(List.of(entry(done, HANDLER_1).createdAt(at(0)).build()));
        repository.enqueue(List.of(entry(waiting, HANDLER_1).createdAt(at(1)).build()));
        ClaimedEntry claimed = claim(at(1), 1, false, ALL_HANDLERS, OWNER_A).get(0);
        assertThat(claimed.eventId()).isEqualTo(done.getEventId());
        assertThat(repository.complete(List.of(claimed.ref()), at(2))).isEqualTo(1);

        assertThat(repository.deleteCompletedBefore(at(3), 100)).hasSize(1);

        assertThat(pairs()).isEqualTo(1);
        assertThat(repository.enqueue(List.of(entry(done, HANDLER_1).build()))).isEqualTo(1);
        assertThat(repository.enqueue(List.of(entry(waiting, HANDLER_1).build())))
                .isZero();

        TestDatabases.execute(dataSource, "TRUNCATE " + table);

        assertThat(pairs()).isZero();
        assertThat(repository.enqueue(List.of(entry(waiting, HANDLER_1).build())))
                .isEqualTo(1);
    }

    @Test
    void aPublishKeepsItsOrderAndSkipsRepeatsWithinItself() {
        OrderPlacedEvent repeated = orderPlaced();
        List<NewQueueEntry> entries = new ArrayList<>();
        List<UUID> expectedOrder = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            NewQueueEntry entry = (i == 7 || i == 30)
                    ? entry(repeated, HANDLER_1).createdAt(at(0)).build()
                    : entry(orderPlaced(), HANDLER_1).createdAt(at(0)).build();
            entries.add(entry);
            if (i != 30) {
                expectedOrder.add(entry.id());
            }
        }

        assertThat(repository.enqueue(entries)).isEqualTo(39);

        assertThat(claim(at(1), 100, false, ALL_HANDLERS, OWNER_A))
                .extracting(ClaimedEntry::id)
                .containsExactlyElementsOf(expectedOrder);
    }

    @Test
    void aTableOfAnEarlierBuildMovesItsUniqueIndexIntoTheEntriesByEvent() {
        String earlier = TestDatabases.uniqueTable("earlier");
        try {
            JdbcEventQueueRepository first = attached(JdbcEventQueueRepository.builder(dataSource)
                    .tableName(earlier)
                    .createSchema(true)
                    .build());
            OrderPlacedEvent event = orderPlaced();
            first.enqueue(List.of(
                    entry(event, HANDLER_1).createdAt(at(0)).build(),
                    entry(event, HANDLER_2).createdAt(at(0)).build()));
            first.close();
            // What an earlier build made: the pairs in a unique index of the queue table, nothing else.
            TestDatabases.execute(
                    dataSource,
                    "DROP TABLE " + earlier + "_by_event; DROP TRIGGER " + earlier + "_forget_deleted ON " + earlier
                            + "; DROP TRIGGER " + earlier + "_forget_truncated ON " + earlier + "; ALTER TABLE "
                            + earlier + " ADD CONSTRAINT " + earlier + "_evh_uk UNIQUE (event_id, handler_name)");

            JdbcEventQueueRepository upgraded = attached(JdbcEventQueueRepository.builder(dataSource)
                    .tableName(earlier)
                    .createSchema(true)
                    .build());
            try {
                assertThat(hasIndex(earlier + "_evh_uk")).isFalse();
                assertThat(upgraded.findByEventId(event.getEventId()))
                        .extracting(QueueEntry::handlerName)
                        .containsExactlyInAnyOrder(HANDLER_1, HANDLER_2);
                assertThat(upgraded.enqueue(List.of(entry(event, HANDLER_1).build())))
                        .isZero();
                assertThat(upgraded.enqueue(
                                List.of(entry(orderPlaced(), HANDLER_1).build())))
                        .isEqualTo(1);
                TestDatabases.execute(dataSource, "DELETE FROM " + earlier);
                assertThat(count(earlier + "_by_event")).isZero();
            } finally {
                upgraded.close();
            }
        } finally {
            TestDatabases.drop(dataSource, earlier);
        }
    }

    private static JdbcEventQueueRepository attached(JdbcEventQueueRepository store) {
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(OrderPlacedEvent.TYPE, OrderPlacedEvent.class);
        store.attach(new RepositoryContext(types, 1_048_576));
        return store;
    }

    private static OrderPlacedEvent orderPlaced() {
        return order(UUID.randomUUID().toString());
    }

    private long pairs() {
        return count(table + "_by_event");
    }

    private long count(String name) {
        return query("SELECT COUNT(*) FROM " + name);
    }

    private boolean hasIndex(String index) {
        return query("SELECT COUNT(*) FROM pg_indexes WHERE indexname = '" + index + "'") > 0;
    }

    private long query(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
