package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Four dispatchers, each with its own pool and repository as if on four machines,
 * share one queue table; 20,000 events with two handlers each are published while they run.
 * Every (event, handler) pair must be handled exactly once and nothing may be left processing.
 */
class ManyNodesTest {

    private static final int NODES = 4;
    private static final int EVENTS = 20_000;
    private static final String TYPE = "ManyNodes";

    /** Counts deliveries per (event, handler) across all nodes, and per node. */
    static final class SharedCountingHandler extends EventHandlerBase<TestEvent> {
        private final String name;
        private final Map<String, AtomicInteger> deliveries;
        private final AtomicInteger byThisNode;

        SharedCountingHandler(String name, Map<String, AtomicInteger> deliveries, AtomicInteger byThisNode) {
            this.name = name;
            this.deliveries = deliveries;
            this.byThisNode = byThisNode;
        }

        @Override
        public void handle(TestEvent event) {
            deliveries
                    .computeIfAbsent(event.eventId() + "/" + name, key -> new AtomicInteger())
                    .incrementAndGet();
            byThisNode.incrementAndGet();
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return TYPE.equals(event.getEventType());
        }

        @Override
        public String getName() {
            return name;
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = TestDatabases.Kind.class,
            names = {"POSTGRESQL", "MARIADB"})
    @Timeout(300)
    void everyEntryIsHandledExactlyOnceAcrossFourNodes(TestDatabases.Kind kind) throws Exception {
        String table = TestDatabases.uniqueTable("nodes");
        TestServer server = kind.server();
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        List<AtomicInteger> perNode = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        List<JdbcEventQueueRepository> repositories = new ArrayList<>();
        List<EventDispatcher> dispatchers = new ArrayList<>();
        EventQueueConfig config = EventQueueConfig.builder()
                .batchSize(100)
                .maxConcurrent(16)
                .processingInterval(Duration.ofMillis(50))
                .leaseDuration(Duration.ofSeconds(30))
                .build();
        try {
            for (int node = 0; node < NODES; node++) {
                HikariDataSource pool = TestDatabases.pool(kind.name() + "-node" + node, server, 6);
                pools.add(pool);
                JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(pool)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                repositories.add(repository);
                AtomicInteger handledHere = new AtomicInteger();
                perNode.add(handledHere);
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(config)
                        .repository(repository)
                        // Nodes that never publish must still read the type name back to TestEvent.
                        .eventType(TYPE, TestEvent.class)
                        .handler(new SharedCountingHandler("invoice", deliveries, handledHere))
                        .handler(new SharedCountingHandler("mail", deliveries, handledHere))
                        .build();
                dispatchers.add(dispatcher);
                dispatcher.start();
            }

            // Two nodes publish while all four claim.
            CompletableFuture<?> first = CompletableFuture.runAsync(() -> publish(dispatchers.get(0), 0, EVENTS / 2));
            CompletableFuture<?> second =
                    CompletableFuture.runAsync(() -> publish(dispatchers.get(1), EVENTS / 2, EVENTS));
            CompletableFuture.allOf(first, second).join();

            JdbcEventQueueRepository observer = repositories.get(0);
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> observer.countByStatus().completed() == 2L * EVENTS);

            assertThat(observer.countByStatus()).isEqualTo(new QueueCounts(0, 0, 2L * EVENTS, 0));
            assertThat(deliveries).hasSize(2 * EVENTS);
            assertThat(deliveries.entrySet())
                    .filteredOn(entry -> entry.getValue().get() != 1)
                    .as("(event, handler) pairs not handled exactly once")
                    .isEmpty();
            assertThat(perNode)
                    .as("every node took part")
                    .allSatisfy(count -> assertThat(count.get()).isPositive());
        } finally {
            dispatchers.forEach(EventDispatcher::close);
            repositories.forEach(JdbcEventQueueRepository::close);
            TestDatabases.drop(pools.get(0), table);
            pools.forEach(HikariDataSource::close);
        }
    }

    private static void publish(EventDispatcher dispatcher, int from, int to) {
        List<TestEvent> batch = new ArrayList<>(500);
        for (int i = from; i < to; i++) {
            batch.add(TestEvent.of(TYPE, i));
            if (batch.size() == 500) {
                dispatcher.publishAll(batch, null);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            dispatcher.publishAll(batch, null);
        }
    }
}
