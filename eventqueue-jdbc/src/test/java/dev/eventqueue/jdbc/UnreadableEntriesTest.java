package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.QueueStats;
import dev.eventqueue.audit.AuditAction;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows a node cannot read (a corrupt payload, a type no class is registered for, a payload whose
 * event id is missing or not the row's) fail at once with a clear error through a running
 * dispatcher, while the readable entries go on.
 */
class UnreadableEntriesTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void corruptPayloadAndUnknownTypeFailWhileOtherEntriesComplete(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("bad");
        CountingHandler handler = new CountingHandler("good-handler", "Good");
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(repository)
                .handler(handler)
                .build()) {
            TestEvent corrupt = TestEvent.of("Good", 1);
            TestEvent unknown = TestEvent.of("Good", 2);
            TestEvent fine = TestEvent.of("Good", 3);
            TestEvent anonymous = TestEvent.of("Good", 4);
            TestEvent impostor = TestEvent.of("Good", 5);
            dispatcher.publish(corrupt, null);
            dispatcher.publish(unknown, null);
            dispatcher.publish(anonymous, null);
            dispatcher.publish(impostor, null);
            TestDatabases.execute(
                    dataSource,
                    "UPDATE " + table + " SET event_data = '{\"eventId\": \"broken'" + " WHERE event_id = '"
                            + corrupt.eventId() + "'");
            TestDatabases.execute(
                    dataSource,
                    "UPDATE " + table + " SET event_type = 'NoSuchType'" + " WHERE event_id = '" + unknown.eventId()
                            + "'");

            // The row's event_id is the event's identity: a payload without it or with another is unreadable.
            TestDatabases.execute(
                    dataSource,
                    "UPDATE " + table + " SET event_data = '{\"eventType\": \"Good\", \"number\": 4}'"
                            + " WHERE event_id = '" + anonymous.eventId() + "'");
            TestDatabases.execute(
                    dataSource,
                    "UPDATE " + table + " SET event_data = '{\"eventId\": \"" + fine.eventId()
                            + "\", \"eventType\": \"Good\", \"number\": 5}' WHERE event_id = '"
                            + impostor.eventId() + "'");

            dispatcher.start();
            dispatcher.publish(fine, null);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(dispatcher.getStats()).isEqualTo(new QueueStats(0, 0, 1, 4, 0)));
            assertThat(handler.deliveriesOf(fine.eventId())).isEqualTo(1);
            assertThat(handler.total())
                    .as("unreadable events never reach the handler")
                    .isEqualTo(1);

            QueueEntry corruptEntry =
                    repository.findByEventId(corrupt.eventId()).get(0);
            assertThat(corruptEntry.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(corruptEntry.error())
                    .startsWith("Unreadable event: ")
                    .contains("Cannot read the JSON payload of event type 'Good' as " + TestEvent.class.getName());
            QueueEntry unknownEntry =
                    repository.findByEventId(unknown.eventId()).get(0);
            assertThat(unknownEntry.status()).isEqualTo(EntryStatus.FAILED);
            assertThat(unknownEntry.error()).contains("Unknown event type 'NoSuchType'");
            assertThat(repository.findByEventId(anonymous.eventId()).get(0).error())
                    .startsWith("Unreadable event: ")
                    .contains("has no event id");
            assertThat(repository.findByEventId(impostor.eventId()).get(0).error())
                    .isEqualTo("Unreadable event: the payload's eventId " + fine.eventId()
                            + " is not the entry's event_id " + impostor.eventId());
            assertThat(repository.findByEventId(impostor.eventId()).get(0).attempts())
                    .as("no retries for an unreadable entry")
                    .isEqualTo(1);
            assertThat(dispatcher.getAuditLog().findByEventId(unknown.eventId()))
                    .extracting(AuditRecord::action)
                    .contains(AuditAction.FAILED);
        } finally {
            repository.close();
            TestDatabases.drop(dataSource, table);
        }
    }
}
