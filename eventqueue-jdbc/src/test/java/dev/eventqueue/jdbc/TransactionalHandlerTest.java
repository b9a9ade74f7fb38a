package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link TransactionalEventHandler}'s writes commit with its entry's completion: kept when the
 * call succeeds, rolled back when it throws (and the retry writes them once), rolled back when
 * the claim was lost meanwhile. Events it publishes join the same transaction.
 */
class TransactionalHandlerTest {

    private static final String TYPE = "Effect";
    private static final String FOLLOW_UP = "FollowUp";

    private DataSource dataSource;
    private String table;
    private String effects;
    private JdbcEventQueueRepository repository;
    private EventDispatcher dispatcher;

    private void setUp(TestDatabases.Kind kind) throws SQLException {
        dataSource = kind.dataSource();
        table = TestDatabases.uniqueTable("txh");
        effects = table + "_effects";
        repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        execute("CREATE TABLE " + effects + " (event_id VARCHAR(36) NOT NULL, attempt INT NOT NULL)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (dispatcher != null) {
            dispatcher.close();
        }
        repository.close();
        TestDatabases.drop(dataSource, table);
        execute("DROP TABLE " + effects);
    }

    /** Writes an effect row, publishes a follow-up event, and fails its first attempt after both. */
    final class EffectHandler implements TransactionalEventHandler<TestEvent> {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failFirst;

        @Override
        public boolean canHandle(DomainEvent event) {
            return TYPE.equals(event.getEventType());
        }

        @Override
        public String getName() {
            return "effects";
        }

        @Override
        public java.time.Duration getRetryDelay() {
            return Duration.ZERO;
        }

        @Override
        public void handle(TestEvent event, Connection connection) throws Exception {
            int attempt = calls.incrementAndGet();
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO " + effects + " (event_id, attempt) VALUES (?, ?)")) {
                insert.setString(1, event.getEventId().toString());
                insert.setInt(2, attempt);
                insert.executeUpdate();
            }
            dispatcher.publish(TestEvent.of(FOLLOW_UP, attempt), null);
            if (failFirst && attempt == 1) {
                throw new IllegalStateException("first attempt fails after its writes");
            }
        }
    }

    private EventDispatcher dispatcher(EffectHandler handler) {
        dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofMillis(20))
                        .build())
                .repository(repository)
                .eventType(TYPE, TestEvent.class)
                .eventType(FOLLOW_UP, TestEvent.class)
                .handler(handler)
                .handler(new dev.eventqueue.jdbc.testsupport.CountingHandler("follow-ups", FOLLOW_UP))
                .build();
        return dispatcher;
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"POSTGRESQL", "H2"})
    void theEffectAndTheCompletionCommitTogether(TestDatabases.Kind kind) throws Exception {
        setUp(kind);
        EffectHandler handler = new EffectHandler();
        dispatcher(handler).start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> repository.findByEventId(event.getEventId()).get(0).status() == EntryStatus.COMPLETED);
        assertThat(effectRows(event.getEventId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.getStats().completed() == 2); // the follow-up too
        assertThat(dispatcher.getAuditLog().findByEventId(event.getEventId()).stream()
                        .map(AuditRecord::action))
                .containsExactly(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"POSTGRESQL", "H2"})
    void aFailedAttemptRollsBackItsWritesAndPublishes(TestDatabases.Kind kind) throws Exception {
        setUp(kind);
        EffectHandler handler = new EffectHandler();
        handler.failFirst = true;
        dispatcher(handler).start();
        TestEvent event = TestEvent.of(TYPE, 1);
        dispatcher.publish(event, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.getStats().completed() == 2);
        assertThat(handler.calls).hasValue(2);
        assertThat(effectRows(event.getEventId()))
                .as("only the second attempt's row")
                .isEqualTo(1);
        assertThat(count("SELECT MAX(attempt) FROM " + effects)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE event_type = '" + FOLLOW_UP + "'"))
                .as("only the second attempt's follow-up")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"POSTGRESQL", "H2"})
    void aCallWhoseClaimWasLostIsRolledBack(TestDatabases.Kind kind) throws Exception {
        setUp(kind);
        TestEvent event = TestEvent.of(TYPE, 1);
        Instant now = repository.clock().instant();
        repository.attach(new dev.eventqueue.queue.RepositoryContext(typesOf(), 1_000_000));
        repository.enqueue(List.of(new NewQueueEntry(UUID.randomUUID(), event, "effects", 100, false, 3, null, now)));
        ClaimedEntry claimed = repository
                .claim(new ClaimRequest(now, 1, Loop.FOREGROUND, Set.of("effects"), "node", now.plusSeconds(30)))
                .get(0);
        assertThat(repository.releaseExpiredLeases(now.plusSeconds(60))).hasSize(1);

        boolean committed = repository.callAndComplete(claimed.ref(), now.plusSeconds(61), () -> {
            try (Statement insert =
                    TransactionalCalls.currentConnection("effects").createStatement()) {
                insert.executeUpdate(
                        "INSERT INTO " + effects + " (event_id, attempt) VALUES ('" + event.getEventId() + "', 1)");
            }
        });

        assertThat(committed).isFalse();
        assertThat(effectRows(event.getEventId())).isZero();
        assertThat(repository.findByEventId(event.getEventId()).get(0).status()).isEqualTo(EntryStatus.PENDING);
    }

    private static dev.eventqueue.serialization.EventTypeRegistry typesOf() {
        dev.eventqueue.serialization.EventTypeRegistry types = new dev.eventqueue.serialization.EventTypeRegistry();
        types.register(TYPE, TestEvent.class);
        return types;
    }

    private long effectRows(UUID eventId) throws SQLException {
        return count("SELECT COUNT(*) FROM " + effects + " WHERE event_id = '" + eventId + "'");
    }

    private long count(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
