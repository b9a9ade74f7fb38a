package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcAuditLogTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void recordsABatchAndReadsOneEventsTrailOldestFirst(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("audit");
        try {
            JdbcAuditLog log = JdbcAuditLog.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            UUID eventId = UUID.randomUUID();
            Instant published = Instant.parse("2019-02-17T02:30:45.678Z"); // an ambiguous local hour in São Paulo
            AuditRecord publishedRecord = new AuditRecord(
                    published, eventId, "AttemptSubmitted", null, AuditAction.PUBLISHED, 0, "candidate-7", null);
            AuditRecord failed = new AuditRecord(
                    published.plusMillis(2),
                    eventId,
                    "AttemptSubmitted",
                    "mail",
                    AuditAction.FAILED,
                    3,
                    "candidate-7",
                    "java.io.IOException: mail server down");
            AuditRecord started = new AuditRecord(
                    published.plusMillis(1),
                    eventId,
                    "AttemptSubmitted",
                    "mail",
                    AuditAction.STARTED,
                    3,
                    "candidate-7",
                    null);
            AuditRecord otherEvent = new AuditRecord(
                    published, UUID.randomUUID(), "AttemptCreated", "sheets", AuditAction.COMPLETED, 1, null, null);

            log.recordAll(List.of(failed, publishedRecord, otherEvent));
            log.record(started);

            assertThat(log.findByEventId(eventId)).containsExactly(publishedRecord, started, failed);
            assertThat(log.findByEventId(UUID.randomUUID())).isEmpty();
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void overlongNamesAreCutRatherThanLosingTheRecord(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("audit");
        try {
            JdbcAuditLog log = JdbcAuditLog.builder(dataSource)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            UUID eventId = UUID.randomUUID();
            String longName = "h".repeat(300);

            log.record(new AuditRecord(
                    Instant.parse("2024-01-01T00:00:00Z"),
                    eventId,
                    "T",
                    longName,
                    AuditAction.COMPLETED,
                    1,
                    null,
                    "e".repeat(5000)));

            AuditRecord stored = log.findByEventId(eventId).get(0);
            assertThat(stored.handlerName()).isEqualTo("h".repeat(255));
            assertThat(stored.error()).hasSize(5000);
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }
}
