package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventType;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.serialization.EventUpcaster;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entries outlive the release that wrote them: a row written by version 1 of a type is read by
 * version 3 of its class through two upcasters, and a renamed type reads rows stored under its
 * former name. The writing release and the reading one are two nodes, each with a store of its own
 * on the same table.
 */
class EventEvolutionTest {

    /** Release 1: the answer's text in a field called {@code text}. */
    @EventType("AnswerGiven")
    record AnswerGivenV1(UUID eventId, Instant occurredAt, String text) implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "AnswerGiven";
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }
    }

    /** Release 3: {@code text} became {@code body} (version 2), then a {@code language} was added (version 3). */
    @EventType(value = "AnswerGiven", version = 3)
    record AnswerGivenV3(UUID eventId, Instant occurredAt, String body, String language) implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "AnswerGiven";
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }
    }

    /** The type as the old release named it. */
    @EventType("ScoreChanged")
    record ScoreChanged(UUID eventId, Instant occurredAt, int score) implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "ScoreChanged";
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }
    }

    /** The same type renamed; it still reads the rows stored under its former name. */
    @EventType(value = "ScoreRevised", aliases = "ScoreChanged")
    record ScoreRevised(UUID eventId, Instant occurredAt, int score) implements DomainEvent {
        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return "ScoreRevised";
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRowOfVersionOneIsDeliveredToTheVersionThreeClassThroughUpcasters(TestDatabases.Kind kind) throws Exception {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("upcast");
        AtomicReference<DomainEvent> delivered = new AtomicReference<>();
        try (JdbcEventQueueRepository oldStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                JdbcEventQueueRepository newStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build();
                EventDispatcher oldRelease = EventDispatcher.builder()
                        .repository(oldStore)
                        .handler(ScriptedHandler.named("answers").types("AnswerGiven"))
                        .build();
                EventDispatcher newRelease = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(newStore)
                        .handler(ScriptedHandler.named("answers")
                                .types("AnswerGiven")
                                .onHandle((event, context) -> delivered.set(event)))
                        .eventType(AnswerGivenV3.class)
                        .upcaster(EventUpcaster.of("AnswerGiven", 2, payload -> {
                            payload.put("language", "en");
                            return payload;
                        }))
                        .upcaster(EventUpcaster.of("AnswerGiven", 1, payload -> {
                            payload.put("body", payload.remove("text"));
                            return payload;
                        }))
                        .build()) {
            AnswerGivenV1 written =
                    new AnswerGivenV1(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "forty-two");
            oldRelease.publish(written, null);
            assertThat(storedVersion(dataSource, table, written.eventId()))
                    .as("the row keeps the version it was written with")
                    .isEqualTo(1);

            newRelease.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() != null);
            assertThat(delivered.get())
                    .isEqualTo(new AnswerGivenV3(written.eventId(), written.occurredAt(), "forty-two", "en"));
            AnswerGivenV3 current =
                    new AnswerGivenV3(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "b", "pt");
            newRelease.publish(current, null);
            assertThat(storedVersion(dataSource, table, current.eventId())).isEqualTo(3);
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRowWithoutAnUpcasterForItsVersionIsUnreadableSayingWhichIsMissing(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("noupcast");
        try (JdbcEventQueueRepository oldStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                JdbcEventQueueRepository newStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build();
                EventDispatcher oldRelease = EventDispatcher.builder()
                        .repository(oldStore)
                        .handler(ScriptedHandler.named("answers").types("AnswerGiven"))
                        .build();
                EventDispatcher newRelease = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(newStore)
                        .handler(ScriptedHandler.named("answers").types("AnswerGiven"))
                        .eventType(AnswerGivenV3.class)
                        .upcaster(EventUpcaster.of("AnswerGiven", 1, payload -> payload))
                        .build()) {
            AnswerGivenV1 written = new AnswerGivenV1(UUID.randomUUID(), Instant.now(), "x");
            oldRelease.publish(written, null);
            newRelease.start();

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            newStore.findByEventId(written.eventId()).get(0).status() == EntryStatus.FAILED);
            QueueEntry entry = newStore.findByEventId(written.eventId()).get(0);
            assertThat(entry.error())
                    .startsWith("Unreadable event: ")
                    .contains("no upcaster reads version 2 of 'AnswerGiven'");
            assertThat(entry.attempts()).isEqualTo(1);
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRenamedTypeReadsRowsStoredUnderItsFormerName(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("alias");
        AtomicReference<DomainEvent> delivered = new AtomicReference<>();
        try (JdbcEventQueueRepository oldStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                JdbcEventQueueRepository newStore = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build();
                EventDispatcher oldRelease = EventDispatcher.builder()
                        .repository(oldStore)
                        .handler(ScriptedHandler.named("scores").types("ScoreChanged"))
                        .build();
                EventDispatcher newRelease = EventDispatcher.builder()
                        .config(TestConfigs.fast().build())
                        .repository(newStore)
                        .handler(ScriptedHandler.named("scores")
                                .types("ScoreRevised")
                                .onHandle((event, context) -> delivered.set(event)))
                        .eventType(ScoreRevised.class)
                        .build()) {
            ScoreChanged written =
                    new ScoreChanged(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), 7);
            oldRelease.publish(written, null);
            newRelease.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() != null);
            assertThat(delivered.get()).isEqualTo(new ScoreRevised(written.eventId(), written.occurredAt(), 7));
        } finally {
            TestDatabases.drop(dataSource, table);
        }
    }

    private static int storedVersion(DataSource dataSource, String table, UUID eventId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement select = connection.createStatement();
                ResultSet row = select.executeQuery(
                        "SELECT event_version FROM " + table + " WHERE event_id = '" + eventId + "'")) {
            assertThat(row.next()).isTrue();
            return row.getInt(1);
        }
    }
}
