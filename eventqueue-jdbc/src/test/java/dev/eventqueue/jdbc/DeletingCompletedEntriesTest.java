package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository built with {@code keepCompletedEntries(false)}: a completion deletes its entries,
 * only while its claim still holds them; retries, transactional handlers and the audit trail go
 * on as with kept entries, and the table ends empty.
 */
class DeletingCompletedEntriesTest {

    private static final String TYPE = "Deleted";
    private static final String HANDLER = "counting";

    private DataSource dataSource;
    private String table;
    private JdbcEventQueueRepository repository;
    private EventDispatcher dispatcher;

    private void setUp(TestDatabases.Kind kind) {
        dataSource = kind.dataSource();
        table = TestDatabases.uniqueTable("del");
        repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .keepCompletedEntries(false)
                .build();
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        repository.close();
        TestDatabases.drop(dataSource, table);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCompletionDeletesTheEntriesItNames(TestDatabases.Kind kind) {
        setUp(kind);
        Instant now = repository.clock().instant();
        List<TestEvent> events = List.of(TestEvent.of(TYPE, 1), TestEvent.of(TYPE, 2), TestEvent.of(TYPE, 3));
        enqueue(now, events.toArray(TestEvent[]::new));
        List<ClaimedEntry> claimed = claim(now, 3);
        assertThat(claimed).hasSize(3);

        int completed =
                repository.complete(List.of(claimed.get(0).ref(), claimed.get(1).ref()), now.plusSeconds(1));

        assertThat(completed).isEqualTo(2);
        assertThat(rows()).isEqualTo(1);
        assertThat(repository.countByStatus()).isEqualTo(new QueueCounts(0, 1, 0, 0));
        assertThat(repository.findByEventId(claimed.get(0).eventId())).isEmpty();
        assertThat(repository.findByEventId(claimed.get(2).eventId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PROCESSING));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStaleClaimDeletesNothing(TestDatabases.Kind kind) {
        setUp(kind);
        Instant now = repository.clock().instant();
        TestEvent event = TestEvent.of(TYPE, 1);
        enqueue(now, event);
        ClaimRef stale = claim(now, 1).get(0).ref();
        assertThat(repository.releaseExpiredLeases(now.plusSeconds(60))).hasSize(1);
        ClaimRef current = claim(now.plusSeconds(61), 1).get(0).ref();

        assertThat(repository.complete(List.of(stale), now.plusSeconds(62))).isZero();
        assertThat(repository.findByEventId(event.getEventId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(EntryStatus.PROCESSING));

        assertThat(repository.complete(List.of(current), now.plusSeconds(63))).isEqualTo(1);
        assertThat(rows()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void publishingAgainAfterTheEntryCompletedEnqueuesItAgain(TestDatabases.Kind kind) {
        setUp(kind);
        Instant now = repository.clock().instant();
        TestEvent event = TestEvent.of(TYPE, 1);
        enqueue(now, event);
        assertThat(enqueue(now, event))
                .as("a repeated publish while the entry exists")
                .isZero();
        repository.complete(List.of(claim(now, 1).get(0).ref()), now);

        assertThat(enqueue(now, event))
                .as("the check sees only the entries in the table")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDispatcherRunsEveryEventRetriesAFailureAndLeavesTheTableEmpty(TestDatabases.Kind kind) throws Exception {
        setUp(kind);
        CountingHandler counting = new CountingHandler(HANDLER, TYPE);
        FailingOnceHandler failingOnce = new FailingOnceHandler();
        dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .handler(counting)
                .handler(failingOnce)
                .build();
        dispatcher.start();
        List<TestEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(TestEvent.of(TYPE, i));
        }
        dispatcher.publishAll(events, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0);
        assertThat(counting.total()).isEqualTo(20);
        assertThat(failingOnce.calls()).isEqualTo(21);
        assertThat(dispatcher.getStats().completed()).isZero();
        assertThat(dispatcher.getStats().failed()).isZero();
        assertThat(dispatcher.getAuditLog().findByEventId(events.get(0).getEventId()).stream()
                        .filter(record -> HANDLER.equals(record.handlerName()))
                        .map(AuditRecord::action))
                .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTransactionalHandlersWritesCommitWithTheDeletion(TestDatabases.Kind kind) throws Exception {
        setUp(kind);
        String effects = table + "_fx";
        TestDatabases.execute(dataSource, "CREATE TABLE " + effects + " (event_id VARCHAR(36) NOT NULL)");
        try {
            Instant now = repository.clock().instant();
            TestEvent event = TestEvent.of(TYPE, 1);
            enqueue(now, event);
            ClaimRef claim = claim(now, 1).get(0).ref();

            boolean committed = repository.callAndComplete(claim, now.plusSeconds(1), () -> {
                try (PreparedStatement insert = TransactionalCalls.currentConnection(HANDLER)
                        .prepareStatement("INSERT INTO " + effects + " (event_id) VALUES (?)")) {
                    insert.setString(1, event.getEventId().toString());
                    insert.executeUpdate();
                }
            });

            assertThat(committed).isTrue();
            assertThat(TestDatabases.queryLong(dataSource, "SELECT COUNT(*) FROM " + effects))
                    .isEqualTo(1);
            assertThat(rows()).isZero();
        } finally {
            TestDatabases.execute(dataSource, "DROP TABLE " + effects);
        }
    }

    /** Fails the first attempt of the first event it sees, then succeeds. */
    private static final class FailingOnceHandler extends CountingHandler {
        private final AtomicInteger calls = new AtomicInteger();

        FailingOnceHandler() {
            super("failing-once", TYPE);
        }

        @Override
        public void handle(TestEvent event) throws Exception {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the first attempt fails");
            }
            super.handle(event);
        }

        int calls() {
            return calls.get();
        }
    }

    private int enqueue(Instant now, TestEvent... events) {
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(TYPE, TestEvent.class);
        repository.attach(new RepositoryContext(types, 1_000_000));
        List<NewQueueEntry> entries = new ArrayList<>();
        for (TestEvent event : events) {
            entries.add(new NewQueueEntry(UUID.randomUUID(), event, HANDLER, 100, false, 3, null, now));
        }
        return repository.enqueue(entries);
    }

    private List<ClaimedEntry> claim(Instant now, int limit) {
        return repository.claim(
                new ClaimRequest(now, limit, Loop.FOREGROUND, Set.of(HANDLER), "node", now.plusSeconds(30)));
    }

    private long rows() {
        return TestDatabases.queryLong(dataSource, "SELECT COUNT(*) FROM " + table);
    }
}
