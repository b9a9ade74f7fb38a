package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventDispatcher;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.LatencyRecorder;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.QueueStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency from the publish call to the handler's start, publishing one event at a time at a fixed
 * rate. Same node: one dispatcher publishes and runs the handlers. Across nodes: a dispatcher that
 * is never started publishes, and another one (own repository and pool or connection, woken by the
 * database's notification or, on JetStream, by its watch on the bucket) runs the handlers. The
 * first second is warm-up and not recorded.
 */
public final class LatencyCase implements Case {

    private final StoreKind store;
    private final boolean acrossNodes;
    private final int handlers;
    private final int ratePerSecond;
    private final Duration duration;
    private final EventQueueConfig config;
    private final AuditLog auditLog;

    public LatencyCase(
            StoreKind store,
            boolean acrossNodes,
            int handlers,
            int ratePerSecond,
            Duration duration,
            EventQueueConfig config,
            AuditLog auditLog) {
        this.store = store;
        this.acrossNodes = acrossNodes;
        this.handlers = handlers;
        this.ratePerSecond = ratePerSecond;
        this.duration = duration;
        this.config = config;
        this.auditLog = auditLog;
    }

    @Override
    public Table table() {
        return Table.LATENCY;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", store.label());
        labels.put("publisher → worker", acrossNodes ? "across nodes" : "same node");
        labels.put("handlers/event", Integer.toString(handlers));
        labels.put("rate", ratePerSecond + "/s");
        labels.put("events", Long.toString(ratePerSecond * duration.toSeconds()));
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long warmUpEvents = ratePerSecond; // one second
        long measured = warmUp ? ratePerSecond : ratePerSecond * duration.toSeconds();
        long total = warmUpEvents + measured;
        LatencyRecorder recorder = new LatencyRecorder(warmUpEvents, (int) (measured * handlers));
        try (QueueStore queue = store.open("lat");
                Nodes nodes = new Nodes(queue, acrossNodes ? 2 : 1, handlers, recorder, config, auditLog)) {
            EventDispatcher publisher = nodes.get(0);
            EventDispatcher worker = acrossNodes ? nodes.get(1) : publisher;
            worker.start();
            long[] publishNanos = new long[(int) measured];
            long period = 1_000_000_000L / ratePerSecond;
            Clock clock = Clock.systemUTC();
            long next = System.nanoTime();
            for (long i = 0; i < total; i++) {
                next += period;
                BenchEvent event = BenchEvent.next(i, clock.instant());
                publisher.publish(event, null);
                if (i >= warmUpEvents) {
                    publishNanos[(int) (i - warmUpEvents)] = System.nanoTime() - event.publishedNanos();
                }
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (recorder.calls() < total * handlers && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (recorder.calls() < total * handlers) {
                throw new IllegalStateException("Only " + recorder.calls() + " of " + total * handlers
                        + " handler calls started within 30 s of the last publish");
            }
            long[] sorted = recorder.sorted();
            Arrays.sort(publishNanos);
            return Metrics.of(Metric.P50, millis(LatencyRecorder.quantile(sorted, 0.50)))
                    .with(Metric.P99, millis(LatencyRecorder.quantile(sorted, 0.99)))
                    .with(Metric.P999, millis(LatencyRecorder.quantile(sorted, 0.999)))
                    .with(Metric.MAX, millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]))
                    .with(Metric.PUBLISH_P50, millis(LatencyRecorder.quantile(publishNanos, 0.50)))
                    // The publish is the store's write round trip: its tail bounds the handler's.
                    .with(Metric.PUBLISH_P99, millis(LatencyRecorder.quantile(publishNanos, 0.99)));
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
