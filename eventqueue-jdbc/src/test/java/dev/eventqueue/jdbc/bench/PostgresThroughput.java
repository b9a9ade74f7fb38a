package dev.eventqueue.jdbc.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import dev.eventqueue.jdbc.testsupport.TestDatabases;
import dev.eventqueue.testdatabases.TestServers;
import dev.eventqueue.testing.events.TestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first throughput figure: events per second through publish, handle and completed on
 * the local PostgreSQL, one dispatcher, a no-op handler. Not a test: run it by hand (see
 * docs/PERFORMANCE.md). Arguments: events per run (default 20000), runs (default 3); a run of a
 * tenth of the events warms up first and is not counted.
 */
public final class PostgresThroughput {

    private static final String TYPE = "Throughput";

    private PostgresThroughput() {}

    /** Does nothing, so the figure is the queue's own cost. */
    static final class NoOpHandler extends EventHandlerBase<TestEvent> {
        @Override
        public void handle(TestEvent event) {}

        @Override
        public boolean canHandle(DomainEvent event) {
            return TYPE.equals(event.getEventType());
        }

        @Override
        public String getName() {
            return "no-op";
        }
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EventQueueConfig config = EventQueueConfig.builder()
                .batchSize(100)
                .maxConcurrent(16)
                .processingInterval(Duration.ofMillis(50))
                .build();
        System.out.printf(
                "PostgreSQL %s, %d events per run, batchSize %d, maxConcurrent %d, %d cores%n",
                TestServers.postgres().url(),
                events,
                config.batchSize(),
                config.maxConcurrent(),
                Runtime.getRuntime().availableProcessors());
        run(Math.max(1, events / 10), config); // warm-up: JIT, pool, server caches
        double[] rates = new double[runs];
        for (int run = 0; run < runs; run++) {
            rates[run] = run(events, config);
            System.out.printf("run %d: %.0f events/s%n", run + 1, rates[run]);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("median of %d runs: %.0f events/s%n", runs, sorted[runs / 2]);
    }

    private static double run(int events, EventQueueConfig config) throws InterruptedException {
        String table = TestDatabases.uniqueTable("bench");
        try (HikariDataSource pool = TestDatabases.pool("bench", TestServers.postgres(), 10)) {
            JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(pool)
                    .tableName(table)
                    .createSchema(true)
                    .build();
            try (EventDispatcher dispatcher = EventDispatcher.builder()
                    .config(config)
                    .repository(repository)
                    .handler(new NoOpHandler())
                    .build()) {
                dispatcher.start();
                long start = System.nanoTime();
                List<TestEvent> batch = new ArrayList<>(500);
                for (int i = 0; i < events; i++) {
                    batch.add(TestEvent.of(TYPE, i));
                    if (batch.size() == 500 || i == events - 1) {
                        dispatcher.publishAll(batch, null);
                        batch.clear();
                    }
                }
                while (repository.countByStatus().completed() < events) {
                    Thread.sleep(50); // the count scans the table; polling it harder would slow the run
                }
                return events / (Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0);
            } finally {
                repository.close();
                TestDatabases.drop(pool, table);
            }
        }
    }
}
