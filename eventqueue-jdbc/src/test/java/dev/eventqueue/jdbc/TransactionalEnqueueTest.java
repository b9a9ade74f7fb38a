package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.domain.AggregateRoot;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository's {@code save} (save the aggregate, then publish its events)
 * inside one JDBC transaction. Committed: the row and the entries exist and the handler runs.
 * Rolled back: neither exists, nothing runs, no audit record claims it was published.
 */
class TransactionalEnqueueTest {

    private static final Credentials CANDIDATE = new Credentials("candidate-7", "CANDIDATE");

    private DataSource dataSource;
    private String queueTable;
    private String attemptsTable;
    private JdbcEventQueueRepository repository;
    private EventDispatcher dispatcher;
    private CountingHandler handler;

    /** An aggregate: it records an event when submitted. */
    static final class Attempt extends AggregateRoot {
        final String id = UUID.randomUUID().toString();
        String status = "STARTED";
        TestEvent submitted;

        void submit() {
            status = "COMPLETED";
            submitted = TestEvent.of("AttemptSubmitted", 1);
            addDomainEvent(submitted);
        }
    }

    /** A repository: save the aggregate, then publish its events, on the caller's connection. */
    final class AttemptRepo {
        void save(Connection connection, Attempt attempt, EventPublisher publisher, Credentials credentials)
                throws SQLException {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO " + attemptsTable + " (id, status) VALUES (?, ?)")) {
                insert.setString(1, attempt.id);
                insert.setString(2, attempt.status);
                insert.executeUpdate();
            }
            attempt.publishAndClearDomainEvents(publisher, credentials);
        }
    }

    void start(TestDatabases.Kind kind) {
        dataSource = kind.dataSource();
        queueTable = TestDatabases.uniqueTable("tx");
        attemptsTable = queueTable + "_attempts";
        TestDatabases.execute(
                dataSource,
                "CREATE TABLE " + attemptsTable + " (id VARCHAR(64) PRIMARY KEY, status VARCHAR(32) NOT NULL)");
        repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(queueTable)
                .createSchema(true)
                .build();
        handler = new CountingHandler("attempt-submitted-handler", "AttemptSubmitted");
        // A long poll interval: the handler only runs promptly if the commit wakes the dispatcher.
        dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder()
                        .processingInterval(Duration.ofSeconds(60))
                        .build())
                .repository(repository)
                .handler(handler)
                .build();
        dispatcher.start();
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
            repository.close();
            TestDatabases.drop(dataSource, queueTable);
            TestDatabases.drop(dataSource, attemptsTable);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void committedSaveEnqueuesAndRunsTheHandlerOnlyAfterCommit(TestDatabases.Kind kind) throws Exception {
        start(kind);
        Attempt attempt = new Attempt();
        attempt.submit();

        JdbcTransactions.inTransaction(dataSource, connection -> {
            new AttemptRepo().save(connection, attempt, dispatcher, CANDIDATE);
            // Another thread (another transaction) must not see the entries before the commit.
            long seenOutside = CompletableFuture.supplyAsync(
                            () -> repository.countByStatus().total())
                    .join();
            assertThat(seenOutside).as("entries visible before commit").isZero();
            assertThat(repository.countByStatus().pending())
                    .as("visible inside the transaction")
                    .isEqualTo(1);
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.deliveriesOf(attempt.submitted.eventId()) == 1);
        assertThat(attemptStatus(attempt.id)).isEqualTo("COMPLETED");
        assertThat(attempt.getDomainEvents()).isEmpty();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(dispatcher.getAuditLog().findByEventId(attempt.submitted.eventId()))
                        .extracting(AuditRecord::action)
                        .contains(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void rolledBackSaveLeavesNoEntriesAndRunsNothing(TestDatabases.Kind kind) throws Exception {
        start(kind);
        Attempt rolledBack = new Attempt();
        rolledBack.submit();

        assertThatThrownBy(() -> JdbcTransactions.inTransaction(dataSource, connection -> {
                    new AttemptRepo().save(connection, rolledBack, dispatcher, CANDIDATE);
                    throw new IllegalStateException("payment declined");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("payment declined");

        // A later committed save is handled; by then the rolled-back one would have been too.
        Attempt committed = new Attempt();
        committed.submit();
        JdbcTransactions.inTransaction(
                dataSource, connection -> new AttemptRepo().save(connection, committed, dispatcher, CANDIDATE));
        await().atMost(Duration.ofSeconds(15)).until(() -> handler.deliveriesOf(committed.submitted.eventId()) == 1);

        assertThat(attemptStatus(rolledBack.id)).as("aggregate row").isNull();
        assertThat(repository.findByEventId(rolledBack.submitted.eventId()))
                .as("queue entries")
                .isEmpty();
        assertThat(handler.deliveriesOf(rolledBack.submitted.eventId())).isZero();
        assertThat(dispatcher.getAuditLog().findByEventId(rolledBack.submitted.eventId()))
                .as("audit")
                .isEmpty();
        assertThat(repository.countByStatus().total()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCallerManagedConnectionCanBeBoundAndCommittedThroughTheBinding(TestDatabases.Kind kind) throws Exception {
        start(kind);
        Attempt attempt = new Attempt();
        attempt.submit();

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (BoundTransaction transaction = JdbcTransactions.bind(dataSource, connection)) {
                new AttemptRepo().save(connection, attempt, dispatcher, CANDIDATE);
                transaction.commit();
            }
            connection.setAutoCommit(true);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> handler.deliveriesOf(attempt.submitted.eventId()) == 1);
        assertThat(attemptStatus(attempt.id)).isEqualTo("COMPLETED");
        assertThat(JdbcTransactions.currentConnection(dataSource))
                .as("unbound after close")
                .isEmpty();
    }

    private String attemptStatus(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT status FROM " + attemptsTable + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStoreThatRequiresATransactionRefusesAPublishWithoutOne(TestDatabases.Kind kind) throws SQLException {
        DataSource source = kind.dataSource();
        String table = TestDatabases.uniqueTable("txreq");
        JdbcEventQueueRepository strict = JdbcEventQueueRepository.builder(source)
                .tableName(table)
                .createSchema(true)
                .requireTransaction(true)
                .build();
        CountingHandler counting = new CountingHandler("strict", "Tick");
        try (EventDispatcher strictDispatcher =
                EventDispatcher.builder().repository(strict).handler(counting).build()) {
            TestEvent outside = TestEvent.of("Tick", 1);
            assertThatThrownBy(() -> strictDispatcher.publish(outside, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("requires a transaction")
                    .hasMessageContaining("nothing was enqueued");
            assertThat(strict.countByStatus().total()).isZero();

            TestEvent inside = TestEvent.of("Tick", 2);
            JdbcTransactions.inTransaction(source, connection -> strictDispatcher.publish(inside, null));
            assertThat(strict.findByEventId(inside.getEventId())).hasSize(1);
        } finally {
            strict.close();
            TestDatabases.drop(source, table);
        }
    }
}
