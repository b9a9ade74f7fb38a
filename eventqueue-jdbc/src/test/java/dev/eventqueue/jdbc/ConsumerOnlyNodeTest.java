package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.QueueStats;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.AnswerUpdatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A node that only consumes a type, registered by its class, reads the entries another node
 * published under the name the class reports, which differs from the class name. Each node has a
 * store of its own on the same table, as two JVMs would.
 */
class ConsumerOnlyNodeTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aConsumerRegisteredByClassDeliversWhatAPublisherNodeWrote(TestDatabases.Kind kind) {
        deliversOnAConsumerOnlyNode(kind, false);
    }

    /** The deprecated registration on the store's builder hands the class to the dispatcher's types. */
    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aClassDeclaredOnTheStoreBuilderReachesTheDispatchersTypes(TestDatabases.Kind kind) {
        deliversOnAConsumerOnlyNode(kind, true);
    }

    @SuppressWarnings("deprecation")
    private static void deliversOnAConsumerOnlyNode(TestDatabases.Kind kind, boolean declaredOnStore) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("consumer");
        JdbcEventQueueRepository publisherStore = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        JdbcEventQueueRepository.Builder consumerStoreBuilder =
                JdbcEventQueueRepository.builder(dataSource).tableName(table);
        if (declaredOnStore) {
            consumerStoreBuilder.eventType(AnswerUpdatedEvent.class);
        }
        JdbcEventQueueRepository consumerStore = consumerStoreBuilder.build();
        AtomicReference<DomainEvent> delivered = new AtomicReference<>();
        ScriptedHandler onConsumer =
                ScriptedHandler.named("answers").types(AnswerUpdatedEvent.TYPE).onHandle((e, c) -> delivered.set(e));
        EventDispatcher.Builder consumerBuilder = EventDispatcher.builder()
                .config(TestConfigs.fast().build())
                .repository(consumerStore)
                .handler(onConsumer);
        if (!declaredOnStore) {
            consumerBuilder.eventType(AnswerUpdatedEvent.class);
        }
        try (EventDispatcher publisher = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(publisherStore)
                        .handler(ScriptedHandler.named("answers").types(AnswerUpdatedEvent.TYPE))
                        .build();
                EventDispatcher consumer = consumerBuilder.build()) {
            assertThat(consumerStore.eventTypes().resolve("AnswerUpdated")).contains(AnswerUpdatedEvent.class);
            consumer.start();
            AnswerUpdatedEvent event = new AnswerUpdatedEvent(
                    UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "answer-7", "forty-two");
            publisher.publish(event, null);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(consumer.getStats()).isEqualTo(new QueueStats(0, 0, 1, 0, 0)));
            assertThat(onConsumer.calls("handle")).singleElement().satisfies(call -> {
                assertThat(call.eventId()).isEqualTo(event.getEventId());
                assertThat(call.eventType()).isEqualTo("AnswerUpdated");
            });
            assertThat(delivered.get()).isInstanceOfSatisfying(AnswerUpdatedEvent.class, answer -> {
                assertThat(answer.getAnswerId()).isEqualTo("answer-7");
                assertThat(answer.getText()).isEqualTo("forty-two");
                assertThat(answer.getOccurredAt()).isEqualTo(event.getOccurredAt());
            });
        } finally {
            publisherStore.close();
            consumerStore.close();
            TestDatabases.drop(dataSource, table);
        }
    }
}
