package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An event larger than the payload limit is refused at publish, and nothing of that publish is enqueued. */
class PayloadLimitTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aTooLargeEventFailsThePublishNamingItsTypeSizeAndTheLimit(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("limit");
        JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        try (EventDispatcher dispatcher = EventDispatcher.builder()
                .config(EventQueueConfig.builder().maxPayloadBytes(2_000).build())
                .repository(repository)
                .handler(new CountingHandler("limited", "Big"))
                .build()) {
            BigEvent small = new BigEvent(UUID.randomUUID(), "small");
            BigEvent big = new BigEvent(UUID.randomUUID(), "Ä".repeat(1_000));

            assertThatThrownBy(() -> dispatcher.publishAll(List.of(small, big), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("of type 'Big'")
                    .hasMessageContaining("more than the limit of 2000 bytes")
                    .hasMessageContaining("EVENT_QUEUE_MAX_PAYLOAD_BYTES")
                    .hasMessageMatching("(?s).* is 2\\d{3} bytes serialized.*");
            assertThat(repository.countByStatus().total())
                    .as("nothing of the publish")
                    .isZero();

            dispatcher.publish(small, null);
            assertThat(repository.countByStatus().pending()).isEqualTo(1);
        } finally {
            repository.close();
            TestDatabases.drop(dataSource, table);
        }
    }

    /** An event whose text takes two UTF-8 bytes per character. */
    record BigEvent(UUID eventId, String text) implements dev.eventqueue.domain.DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "Big";
        }

        @Override
        public java.time.Instant getOccurredAt() {
            return java.time.Instant.EPOCH;
        }
    }
}
