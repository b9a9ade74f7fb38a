package dev.eventqueue.nats.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.JdbcTransactions;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.testdatabases.NatsTestServers;
import dev.eventqueue.testdatabases.TestServer;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.ScriptedHandler;
import dev.eventqueue.testing.TestConfigs;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough figure, on demand ({@code -Deventqueue.nats.bench=true}): how long after its commit a
 * handler starts, for events published one at a time in transactions on PostgreSQL through the
 * outbox, beside events published straight to JetStream. The relay polls every second, as by
 * default; the commit wakes it.
 */
@EnabledIfSystemProperty(named = "eventqueue.nats.bench", matches = "true")
class NatsOutboxLatencyProbeTest {

    private static final int EVENTS = 300;

    @Test
    void commitToHandlerStart() throws Exception {
        String table = "eq_outbox_probe_" + UUID.randomUUID().toString().substring(0, 8);
        Map<UUID, Long> started = new ConcurrentHashMap<>();
        Map<UUID, Long> forwarded = new ConcurrentHashMap<>();
        ScriptedHandler handler = ScriptedHandler.named("probe")
                .onHandle((event, context) -> started.putIfAbsent(event.getEventId(), System.nanoTime()));
        try (NatsTestServers servers = NatsTestServers.single();
                HikariDataSource dataSource = pool();
                NatsEventQueueRepository nats = NatsEventQueueRepository.builder(servers.url())
                        .bucketPrefix("probe")
                        .build();
                NatsOutboxRepository store = NatsOutboxRepository.builder(new TimedTarget(nats, forwarded), dataSource)
                        .tableName(table)
                        .createSchema(true)
                        .build();
                EventDispatcher dispatcher = EventDispatcher.builder()
                        .config(TestConfigs.fast()
                                .processingInterval(Duration.ofSeconds(1))
                                .build())
                        .repository(store)
                        .eventType("Tick", TestEvent.class)
                        .handler(handler)
                        .build()) {
            dispatcher.start();
            try {
                long[][] direct = measure(started, forwarded, event -> dispatcher.publish(event, null));
                long[][] outbox = measure(
                        started,
                        forwarded,
                        event -> JdbcTransactions.inTransaction(dataSource, c -> dispatcher.publish(event, null)));
                System.out.println(describe("straight to JetStream, commit to handler start", direct[1]));
                System.out.println(describe("through the outbox, commit to entry in JetStream", outbox[0]));
                System.out.println(describe("through the outbox, commit to handler start", outbox[1]));
            } finally {
                try (JdbcEventQueueRepository outbox = JdbcEventQueueRepository.builder(dataSource)
                        .tableName(table)
                        .build()) {
                    outbox.dropSchema();
                }
            }
        }
    }

    @FunctionalInterface
    private interface Publish {
        void run(TestEvent event) throws Exception;
    }

    /**
     * Publishes one event at a time, each after the previous one started: lag without a backlog.
     * Returns the lags until the entry was in JetStream and until its handler started.
     */
    private static long[][] measure(Map<UUID, Long> started, Map<UUID, Long> forwarded, Publish publish)
            throws Exception {
        long[][] lags = new long[2][EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            TestEvent event = TestEvent.of("Tick", i);
            long before = System.nanoTime();
            publish.run(event);
            long committed = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> started.containsKey(event.eventId()));
            // A publish straight to JetStream is in it when publish returns.
            lags[0][i] = Math.max(0, forwarded.getOrDefault(event.eventId(), before) - committed);
            lags[1][i] = started.get(event.eventId()) - committed;
        }
        assertThat(lags[1]).hasSize(EVENTS);
        return lags;
    }

    /** Notes when each event's entries were handed to JetStream. */
    private static final class TimedTarget extends ForwardingEventQueueRepository {
        private final Map<UUID, Long> forwarded;

        TimedTarget(EventQueueRepository delegate, Map<UUID, Long> forwarded) {
            super(delegate);
            this.forwarded = forwarded;
        }

        @Override
        public int enqueue(List<NewQueueEntry> entries) {
            int inserted = super.enqueue(entries);
            long now = System.nanoTime();
            entries.forEach(entry -> forwarded.putIfAbsent(entry.event().getEventId(), now));
            return inserted;
        }
    }

    private static String describe(String path, long[] lags) {
        long[] sorted = lags.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%s: %d events, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                path,
                sorted.length,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static HikariDataSource pool() {
        TestServer server = TestServers.postgres();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
