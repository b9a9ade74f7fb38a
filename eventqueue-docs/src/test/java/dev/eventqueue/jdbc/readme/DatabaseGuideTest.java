package dev.eventqueue.jdbc.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.docs.Documents;
import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptAggregate;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.jdbc.SchemaScripts;
import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.readme.MailGateway;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.events.TestEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the code of docs/databases.md and docs/transactions-and-outbox.md (tagged regions of this
 * package, checked by {@link dev.eventqueue.docs.CodeBlocksTest}): the DDL shown is the shipped
 * script, and a repository's save commits, rolls back and binds a caller's connection on H2,
 * PostgreSQL and MariaDB, each in a private schema or database so its table names are its own.
 */
class DatabaseGuideTest {

    private static final Credentials CANDIDATE = new Credentials("candidate-7", "CANDIDATE");

    @Test
    void thePostgresDdlShownIsTheShippedScript() throws IOException {
        assertThat(Documents.blocks(Documents.read("docs/databases.md"), "sql"))
                .contains(SchemaScripts.queueTable(Dialect.POSTGRESQL, "event_queue"));
    }

    @Test
    void theBuilderSnippetBuildsWithoutTouchingTheDatabase() {
        JdbcEventQueueRepository repository = new JdbcSetupExample(TestDatabases.h2()).configuredRepository();

        assertThat(repository.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(repository.tableName()).isEqualTo("event_queue");
        assertThat(JdbcSetupExample.postgresDdl()).contains("CREATE TABLE IF NOT EXISTS event_audit_log");
    }

    @Test
    void theDeletingSnippetLeavesNoCompletedEntry() {
        DataSource h2 = TestDatabases.h2();
        JdbcEventQueueRepository repository = new JdbcSetupExample(h2).deletingRepository();
        repository.createSchemaIfMissing();
        TestEvent event = TestEvent.of("Noted", 1);
        AtomicInteger handled = new AtomicInteger();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .repository(repository)
                .eventType("Noted", TestEvent.class)
                .handler(new EventHandlerBase<TestEvent>() {
                    @Override
                    public void handle(TestEvent e) {
                        handled.incrementAndGet();
                    }

                    @Override
                    public boolean canHandle(DomainEvent e) {
                        return "Noted".equals(e.getEventType());
                    }

                    @Override
                    public String getName() {
                        return "noted";
                    }
                })
                .build()) {
            dispatcher.start();
            dispatcher.publish(event, null);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> handled.get() == 1
                            && repository.findByEventId(event.getEventId()).isEmpty());
            assertThat(dispatcher.getStats().completed()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theSaveExampleCommitsRollsBackAndBinds(TestDatabases.Kind kind) throws Exception {
        try (PrivateDatabase database = PrivateDatabase.of(kind)) {
            DataSource dataSource = database.dataSource;
            TestDatabases.execute(
                    dataSource,
                    "CREATE TABLE attempts (id VARCHAR(64) PRIMARY KEY, "
                            + "status VARCHAR(32) NOT NULL, seconds_spent BIGINT NOT NULL)");
            Set<String> answerSheets = ConcurrentHashMap.newKeySet();
            List<String> mails = new CopyOnWriteArrayList<>();
            MailGateway mail = (to, text) -> mails.add(to + ": " + text);
            JdbcSetupExample example = new JdbcSetupExample(dataSource);
            example.start(
                    answerSheets,
                    mail,
                    EventQueueConfig.builder()
                            .processingInterval(Duration.ofMillis(50))
                            .backgroundInterval(Duration.ofMillis(50))
                            .build());
            try {
                JdbcAttemptRepository attempts = new JdbcAttemptRepository(dataSource, example.dispatcher);

                AttemptAggregate committed = AttemptAggregate.create("test-1", "candidate-7", 1, Clock.systemUTC());
                committed.submit();
                var committedEvents = List.copyOf(committed.getDomainEvents());
                attempts.save(committed, CANDIDATE);

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> answerSheets.contains(committed.getId())
                                && mails.contains("candidate-7: Attempt " + committed.getId() + " was submitted"));
                assertThat(status(dataSource, committed.getId())).isEqualTo("COMPLETED");

                AttemptAggregate rolledBack = AttemptAggregate.create("test-1", "candidate-7", 2, Clock.systemUTC());
                var createdEvent = rolledBack.getDomainEvents().get(0);
                assertThatThrownBy(() -> JdbcTransactions.inTransaction(dataSource, connection -> {
                            attempts.save(rolledBack, CANDIDATE); // joins this outer transaction
                            throw new SQLException("grading service rejected the attempt");
                        }))
                        .isInstanceOf(SQLException.class);
                assertThat(status(dataSource, rolledBack.getId())).isNull();
                assertThat(example.repository.findByEventId(createdEvent.getEventId()))
                        .isEmpty();

                AttemptAggregate bound = AttemptAggregate.create("test-1", "candidate-7", 3, Clock.systemUTC());
                example.saveOnMyOwnConnection(bound, CANDIDATE);
                await().atMost(Duration.ofSeconds(20)).until(() -> answerSheets.contains(bound.getId()));

                assertThat(answerSheets).containsExactlyInAnyOrder(committed.getId(), bound.getId());
                assertThat(committed.getDomainEvents()).isEmpty();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(committedEvents)
                                .allSatisfy(event -> assertThat(example.auditLog.findByEventId(event.getEventId()))
                                        .extracting(AuditRecord::action)
                                        .contains(AuditAction.PUBLISHED, AuditAction.STARTED, AuditAction.COMPLETED)));
                assertThat(example.auditLog.findByEventId(createdEvent.getEventId()))
                        .isEmpty();
            } finally {
                example.dispatcher.close();
                example.repository.close();
            }
        }
    }

    private static String status(DataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT status FROM attempts WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    /** A database namespace of this test's own, so it can use the guide's plain table names. */
    private static final class PrivateDatabase implements AutoCloseable {
        final DataSource dataSource;
        private final Runnable cleanup;

        private PrivateDatabase(DataSource dataSource, Runnable cleanup) {
            this.dataSource = dataSource;
            this.cleanup = cleanup;
        }

        static PrivateDatabase of(TestDatabases.Kind kind) {
            String name = TestDatabases.uniqueTable("readme");
            switch (kind) {
                case H2:
                    return new PrivateDatabase(TestDatabases.h2(), () -> {});
                case POSTGRESQL: {
                    TestDatabases.execute(TestDatabases.postgres(), "CREATE SCHEMA " + name);
                    TestServer server = TestServers.postgres();
                    String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
                    HikariDataSource pool = TestDatabases.pool("readme", url, server, 5);
                    return new PrivateDatabase(pool, () -> {
                        pool.close();
                        TestDatabases.execute(TestDatabases.postgres(), "DROP SCHEMA " + name + " CASCADE");
                    });
                }
                default: {
                    TestDatabases.execute(TestDatabases.mariadb(), "CREATE DATABASE " + name);
                    TestServer server = TestServers.mariadb();
                    HikariDataSource pool = TestDatabases.pool("readme", server.urlForDatabase(name), server, 5);
                    return new PrivateDatabase(pool, () -> {
                        pool.close();
                        TestDatabases.execute(TestDatabases.mariadb(), "DROP DATABASE " + name);
                    });
                }
            }
        }

        @Override
        public void close() {
            cleanup.run();
        }
    }
}
