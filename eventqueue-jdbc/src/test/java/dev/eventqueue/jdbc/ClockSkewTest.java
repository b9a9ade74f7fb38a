package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.jdbc.testsupport.CountingHandler;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three nodes whose clocks disagree by a minute each way share one queue. Leases and due times
 * follow the database's clock, so no node takes over another's live entries: every event runs
 * exactly once, and the leases written are the database's time plus the lease.
 */
class ClockSkewTest {

    private static final int EVENTS = 300;

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"POSTGRESQL", "MARIADB"})
    void nodesWithSkewedClocksRunEveryEventExactlyOnce(TestDatabases.Kind kind) {
        DataSource dataSource = kind.dataSource();
        String table = TestDatabases.uniqueTable("skew");
        EventQueueConfig config = EventQueueConfig.builder()
                .processingInterval(Duration.ofMillis(50))
                .leaseDuration(Duration.ofSeconds(2))
                .build();
        CountingHandler handler = new CountingHandler("skewed", "Tick", Duration.ofMillis(2));
        List<EventDispatcher> nodes = new ArrayList<>();
        List<JdbcEventQueueRepository> repositories = new ArrayList<>();
        AtomicInteger leasesSeen = new AtomicInteger();
        try {
            for (Duration skew : List.of(Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(-60))) {
                JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                repositories.add(repository);
                nodes.add(EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        .clock(Clock.offset(Clock.systemUTC(), skew))
                        .handler(handler)
                        .eventType("Tick", TestEvent.class)
                        .build());
            }
            nodes.forEach(EventDispatcher::start);
            List<TestEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(TestEvent.of("Tick", i));
            }
            for (int i = 0; i < EVENTS; i += 30) {
                nodes.get((i / 30) % 3).publishAll(events.subList(i, i + 30), null);
                for (QueueEntry entry :
                        repositories.get(0).findByEventId(events.get(i).getEventId())) {
                    if (entry.leaseExpiresAt() != null) {
                        Instant databaseNow = repositories.get(0).clock().instant();
                        assertThat(Duration.between(databaseNow, entry.leaseExpiresAt())
                                        .abs())
                                .as("a lease is the database's time plus the lease, whichever node wrote it")
                                .isLessThan(Duration.ofSeconds(10));
                        leasesSeen.incrementAndGet();
                    }
                }
            }

            await().atMost(Duration.ofSeconds(90))
                    .until(() ->
                            handler.total() >= EVENTS && nodes.get(0).getStats().completed() == EVENTS);
            assertThat(handler.deliveries().values())
                    .as("deliveries per event")
                    .hasSize(EVENTS)
                    .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(handler.total()).isEqualTo(EVENTS);
        } finally {
            nodes.forEach(EventDispatcher::close);
            repositories.forEach(JdbcEventQueueRepository::close);
            TestDatabases.drop(dataSource, table);
        }
    }
}
