package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.jdbc.dialect.Dialect;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyDialectShipsQueueAndAuditScriptsWithTheTableFilledIn(Dialect dialect) {
        String queue = SchemaScripts.queueTable(dialect, "app.my_queue");
        String audit = SchemaScripts.auditTable(dialect, "my_audit");

        assertThat(queue).contains("CREATE TABLE IF NOT EXISTS app.my_queue").doesNotContain("${");
        assertThat(audit).contains("CREATE TABLE IF NOT EXISTS my_audit").doesNotContain("${");
        assertThat(SchemaScripts.statements(queue))
                .allSatisfy(
                        statement -> assertThat(statement).doesNotContain("--").doesNotEndWith(";"));
    }

    @Test
    void postgresClaimIndexIsPartialOnPendingEntries() {
        assertThat(SchemaScripts.queueTable(Dialect.POSTGRESQL, "event_queue"))
                .contains("CREATE INDEX IF NOT EXISTS event_queue_claim_ix ON event_queue "
                        + "(is_background, priority, created_at, seq)\n    WHERE status = 'pending'");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void createSchemaIfMissingIsIdempotentAndTheTableWorks(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("schema");
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            repository.createSchemaIfMissing();
            JdbcAuditLog audit = JdbcAuditLog.builder(dataSource)
                    .tableName(table + "_audit")
                    .createSchema(true)
                    .build();
            audit.createSchemaIfMissing();

            repository.ping();
            assertThat(roundTrip(repository)).isTrue();
        } finally {
            TestDatabases.drop(dataSource, table);
            TestDatabases.drop(dataSource, table + "_audit");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"H2", "POSTGRESQL"})
    void schemaQualifiedTablesWork(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String schema = TestDatabases.uniqueTable("s");
        TestDatabases.execute(dataSource, "CREATE SCHEMA " + schema);
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(schema + ".event_queue")
                    .createSchema(true)
                    .build();
            assertThat(roundTrip(repository)).isTrue();
        } finally {
            TestDatabases.execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** MariaDB DATETIME has no zone: the store must write UTC, not the JVM's (São Paulo in tests) local time. */
    @Test
    void mariaDbStoresUtcWallClockTime() throws Exception {
        DataSource dataSource = TestDatabases.mariadb();
        String table = TestDatabases.uniqueTable("utc");
        try {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            Instant created = Instant.parse("2024-07-01T10:15:30.123456Z");
            repository.enqueue(List.of(
                    new NewQueueEntry(UUID.randomUUID(), TestEvent.of("T", 1), "h", 100, false, 1, null, created)));
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT created_at FROM " + table);
                    ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1, LocalDateTime.class))
                        .isEqualTo(LocalDateTime.ofInstant(created, ZoneOffset.UTC));
            }
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    private static boolean roundTrip(JdbcEventQueueRepository repository) {
        repository.registerEventType(TestEvent.class, "T");
        TestEvent event = TestEvent.of("T", 7);
        Instant now = Instant.parse("2024-05-14T12:00:00Z");
        repository.enqueue(List.of(new NewQueueEntry(UUID.randomUUID(), event, "h", 100, false, 1, null, now)));
        var claimed = repository.claim(new ClaimRequest(now, 10, false, Set.of("h"), "me", now.plusSeconds(30)));
        return claimed.size() == 1
                && claimed.get(0).event().equals(event)
                && repository.complete(List.of(claimed.get(0).id()), "me", now) == 1;
    }
}
