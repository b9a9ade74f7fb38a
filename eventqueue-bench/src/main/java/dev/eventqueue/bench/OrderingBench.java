package dev.eventqueue.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.bench.harness.Machine;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventHandlerBase;
import dev.eventqueue.jdbc.JdbcEventQueueRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-aggregate order on one database (PostgreSQL unless named): several dispatchers (nodes, each
 * with its own pool) drain a backlog of aggregates' events, once with a handler that keeps
 * per-aggregate order and once with one that does not, in the same run, interleaved. Reports
 * throughput and order violations (a step that started beside another step of its aggregate, or
 * not right after the previous one).
 *
 * <p>Usage: {@code java -cp eventqueue-bench.jar dev.eventqueue.bench.OrderingBench [aggregates]
 * [events per aggregate] [nodes] [runs] [database]}, defaults 1000 20 4 3 postgres (or mariadb, h2).
 */
public final class OrderingBench {

    private OrderingBench() {}

    /** An event of one aggregate: step {@code step} of {@code aggregateId}. */
    public record StepEvent(UUID eventId, Instant occurredAt, String aggregateId, int step) implements DomainEvent {
        static final String TYPE = "BenchStep";

        @Override
        public UUID getEventId() {
            return eventId;
        }

        @Override
        public String getEventType() {
            return TYPE;
        }

        @Override
        public Instant getOccurredAt() {
            return occurredAt;
        }

        @Override
        public String getAggregateId() {
            return aggregateId;
        }
    }

    /** Checks order at every start; shared by the nodes of one run, as they share one JVM. */
    static final class StepHandler extends EventHandlerBase<StepEvent> {
        private final boolean ordered;
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, Integer> lastDone = new ConcurrentHashMap<>();
        final AtomicLong violations = new AtomicLong();
        final AtomicLong handled = new AtomicLong();

        StepHandler(boolean ordered) {
            this.ordered = ordered;
        }

        @Override
        public boolean canHandle(DomainEvent event) {
            return event instanceof StepEvent;
        }

        @Override
        public boolean isOrderedByAggregate() {
            return ordered;
        }

        @Override
        public String getName() {
            return ordered ? "bench.ordered" : "bench.unordered";
        }

        @Override
        public void handle(StepEvent event) {
            AtomicInteger now = running.computeIfAbsent(event.aggregateId(), a -> new AtomicInteger());
            boolean alone = now.incrementAndGet() == 1;
            int expected = lastDone.getOrDefault(event.aggregateId(), 0) + 1;
            if (!alone || event.step() != expected) {
                violations.incrementAndGet();
            }
            lastDone.merge(event.aggregateId(), event.step(), Math::max);
            now.decrementAndGet();
            handled.incrementAndGet();
        }
    }

    record Result(boolean ordered, double eventsPerSecond, long violations) {}

    public static void main(String[] args) throws Exception {
        int aggregates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Database database = args.length > 4 ? Database.fromKey(args[4]) : Database.POSTGRESQL;
        System.out.printf(
                "ordering bench: %s, %d nodes, %d aggregates x %d events, %d run(s) each mode; %s, %d cores;"
                        + " load before %s%n",
                database.label(), nodes, aggregates, steps, runs, Machine.cpuModel(), Machine.cores(), Machine.load());
        run(database, false, 100, 5, nodes); // warm-up of both modes, not counted
        run(database, true, 100, 5, nodes);
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            for (boolean ordered : new boolean[] {false, true}) {
                Result result = run(database, ordered, aggregates, steps, nodes);
                System.out.printf(
                        "run %d %-9s %,8.0f events/s, %d order violations%n",
                        r + 1, ordered ? "ordered" : "unordered", result.eventsPerSecond(), result.violations());
                results.add(result);
            }
        }
        double unordered = median(results, false);
        double ordered = median(results, true);
        long orderedViolations = results.stream()
                .filter(Result::ordered)
                .mapToLong(Result::violations)
                .sum();
        System.out.printf(
                "median: unordered %,.0f events/s, ordered %,.0f events/s (%.0f%% of unordered); order violations "
                        + "with order: %d; load after %s%n",
                unordered, ordered, 100 * ordered / unordered, orderedViolations, Machine.load());
    }

    private static double median(List<Result> results, boolean ordered) {
        double[] values = results.stream()
                .filter(r -> r.ordered() == ordered)
                .mapToDouble(Result::eventsPerSecond)
                .sorted()
                .toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static Result run(Database database, boolean ordered, int aggregates, int steps, int nodeCount)
            throws Exception {
        String table = "eq_bench_order_" + UUID.randomUUID().toString().substring(0, 8);
        StepHandler handler = new StepHandler(ordered);
        List<HikariDataSource> pools = new ArrayList<>();
        List<EventDispatcher> nodes = new ArrayList<>();
        String url = database.newUrl(); // once: every node on the same database, H2's in-memory one too
        try {
            for (int n = 0; n < nodeCount; n++) {
                HikariDataSource pool = database.pool(url, table + "-" + n, 6);
                pools.add(pool);
                JdbcEventQueueRepository repository = JdbcEventQueueRepository.builder(pool)
                        .tableName(table)
                        .createSchema(n == 0)
                        .build();
                nodes.add(EventDispatcher.builder()
                        .config(EventQueueConfig.builder().build())
                        .repository(repository)
                        .eventType(StepEvent.TYPE, StepEvent.class)
                        .handler(handler)
                        .build());
            }
            publish(nodes.get(0), aggregates, steps);
            long total = (long) aggregates * steps;
            long started = System.nanoTime();
            nodes.forEach(EventDispatcher::start);
            while (nodes.get(0).getStats().completed() < total) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(ordered, total / seconds, handler.violations.get());
        } finally {
            nodes.forEach(EventDispatcher::close);
            try (JdbcEventQueueRepository queue = JdbcEventQueueRepository.builder(pools.get(0))
                    .tableName(table)
                    .build()) {
                queue.dropSchema();
            }
            pools.forEach(HikariDataSource::close);
        }
    }

    /** Publishes every aggregate's steps in order, the aggregates interleaved at random, in batches of 500. */
    private static void publish(EventDispatcher publisher, int aggregates, int steps) {
        int[] next = new int[aggregates];
        Arrays.fill(next, 1);
        List<Integer> open = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            open.add(a);
        }
        Random random = new Random(42);
        List<StepEvent> batch = new ArrayList<>(500);
        Instant now = Instant.now();
        while (!open.isEmpty()) {
            int index = random.nextInt(open.size());
            int aggregate = open.get(index);
            batch.add(new StepEvent(UUID.randomUUID(), now, "aggregate-" + aggregate, next[aggregate]++));
            if (next[aggregate] > steps) {
                open.set(index, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
            if (batch.size() == 500) {
                publisher.publishAll(batch, null);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            publisher.publishAll(batch, null);
        }
    }
}
