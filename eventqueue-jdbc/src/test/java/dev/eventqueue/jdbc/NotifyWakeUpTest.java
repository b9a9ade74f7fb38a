package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.queue.WakeUpSubscription;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testing.events.TestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a publish on one node wakes the dispatchers of the others through
 * LISTEN/NOTIFY, so a foreground handler starts at once although its node polls every 30 s.
 */
class NotifyWakeUpTest {

    private static final String TYPE = "Wake";
    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    private final DataSource dataSource = TestDatabases.postgres();
    private final String table = TestDatabases.uniqueTable("notify");
    private JdbcEventQueueRepository publisherRepository;
    private JdbcEventQueueRepository consumerRepository;

    /** Records when each event's delivery started. */
    static final class TimingHandler extends CountingHandler {
        final Map<UUID, Long> startedNanos = new ConcurrentHashMap<>();

        TimingHandler() {
            super("wake-handler", TYPE);
        }

        @Override
        public void handle(TestEvent event) throws Exception {
            startedNanos.putIfAbsent(event.eventId(), System.nanoTime());
            super.handle(event);
        }
    }

    @AfterEach
    void tearDown() {
        if (publisherRepository != null) {
            publisherRepository.close();
        }
        if (consumerRepository != null) {
            consumerRepository.close();
        }
        TestDatabases.drop(dataSource, table);
    }

    @Test
    void aPublishOnAnotherNodeStartsTheHandlerWithoutWaitingForThePoll() throws Exception {
        publisherRepository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        consumerRepository =
                JdbcEventQueueRepository.builder(dataSource).tableName(table).build();
        TimingHandler handler = new TimingHandler();
        try (EventDispatcher publisher = publisherNode();
                EventDispatcher consumer = consumerNode(handler)) {
            idleAfterFirstPoll(publisher, consumer, handler);
            await().atMost(Duration.ofSeconds(20)).until(this::listenerIsListening);

            TestEvent event = TestEvent.of(TYPE, 1);
            long published = System.nanoTime();
            publisher.publish(event, null);

            await().atMost(Duration.ofSeconds(10)).until(() -> handler.startedNanos.containsKey(event.eventId()));
            Duration latency = Duration.ofNanos(handler.startedNanos.get(event.eventId()) - published);
            System.out.printf(
                    "LISTEN/NOTIFY: handler on the other node started %d ms after the publish%n", latency.toMillis());
            assertThat(latency).as("far below the 30 s poll interval").isLessThan(Duration.ofSeconds(5));
        }
    }

    /** The control: the same setup without notifications waits for the poll, so the test above can fail. */
    @Test
    void withoutNotificationsTheOtherNodeWaitsForItsPoll() {
        publisherRepository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .createSchema(true)
                .build();
        consumerRepository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .notifications(false)
                .build();
        assertThat(consumerRepository.notificationChannel()).isNull();
        TimingHandler handler = new TimingHandler();
        try (EventDispatcher publisher = publisherNode();
                EventDispatcher consumer = consumerNode(handler)) {
            idleAfterFirstPoll(publisher, consumer, handler);

            TestEvent event = TestEvent.of(TYPE, 2);
            publisher.publish(event, null);

            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> !handler.startedNanos.containsKey(event.eventId()));
        }
    }

    /**
     * A retry scheduled on one node wakes the others, which then learn its due time from the store:
     * so a retry starts on time even when the node that scheduled it cannot take it.
     */
    @Test
    void aRetryScheduledOnAnotherNodeWakesThisOneWhichLearnsItsDueTime() {
        // Enqueues and claims without notifying, so that the only notification is the retry's.
        JdbcEventQueueRepository quiet = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .eventType(TYPE, TestEvent.class)
                .createSchema(true)
                .notifications(false)
                .build();
        publisherRepository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .eventType(TYPE, TestEvent.class)
                .build();
        consumerRepository = JdbcEventQueueRepository.builder(dataSource)
                .tableName(table)
                .eventType(TYPE, TestEvent.class)
                .build();
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(TYPE, TestEvent.class);
        for (JdbcEventQueueRepository repository : List.of(quiet, publisherRepository, consumerRepository)) {
            repository.attach(new RepositoryContext(types, 1_048_576));
        }
        AtomicInteger wakeUps = new AtomicInteger();
        try (WakeUpSubscription subscription = consumerRepository.subscribeToWakeUps(wakeUps::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(20)).until(this::listenerIsListening);
            Instant now = quiet.clock().instant();
            quiet.enqueue(List.of(new NewQueueEntry(
                    UUID.randomUUID(), TestEvent.of(TYPE, 3), "wake-handler", 100, false, 3, null, now)));
            ClaimedEntry claimed = quiet.claim(new ClaimRequest(
                            now, 1, Loop.FOREGROUND, Set.of("wake-handler"), "node-a", now.plusSeconds(30)))
                    .get(0);
            Instant retryAt = now.plusSeconds(3600).truncatedTo(ChronoUnit.MICROS);

            assertThat(publisherRepository.reschedule(claimed.ref(), retryAt, "boom", now))
                    .isTrue();
            assertThat(publisherRepository.reschedule(claimed.ref(), retryAt, "again", now))
                    .as("the claim is no longer held")
                    .isFalse();

            await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() > 0);
            assertThat(consumerRepository.nextDueAt(Set.of("wake-handler"), Loop.FOREGROUND, now))
                    .isEqualTo(retryAt);
        } finally {
            quiet.close();
        }
    }

    /** Knows the handler for the fan-out but does not run it. */
    private EventDispatcher publisherNode() {
        return EventDispatcher.builder()
                .repository(publisherRepository)
                .handler(new CountingHandler("wake-handler", TYPE))
                .build();
    }

    private EventDispatcher consumerNode(TimingHandler handler) {
        return EventDispatcher.builder()
                .config(EventQueueConfig.builder().processingInterval(LONG_POLL).build())
                .repository(consumerRepository)
                .eventType(TYPE, TestEvent.class)
                .handler(handler)
                .build();
    }

    /** An event published before start is taken by the first poll; after it the loop sleeps for 30 s. */
    private static void idleAfterFirstPoll(EventDispatcher publisher, EventDispatcher consumer, TimingHandler handler) {
        TestEvent first = TestEvent.of(TYPE, 0);
        publisher.publish(first, null);
        consumer.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.deliveriesOf(first.eventId()) == 1);
    }

    private boolean listenerIsListening() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE query = ?")) {
            select.setString(1, "LISTEN " + consumerRepository.notificationChannel());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }
}
