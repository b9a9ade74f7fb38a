package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.bench.harness.AllocationMeter;
import dev.eventqueue.bench.harness.CallCounter;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.QueueStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end throughput: dispatchers run while a publisher thread publishes N events in batches;
 * the clock stops when every entry is completed in the store (not only handled).
 */
public final class ThroughputCase implements Case {

    private final StoreKind store;
    private final int dispatchers;
    private final int handlers;
    private final long events;
    private final int publishBatch;
    private final EventQueueConfig config;
    private final AuditLog auditLog;
    private final String auditLabel;
    /** {@code null} outside the tracing scenario, so other rows show no tracing column value. */
    private final Tracing tracing;

    public ThroughputCase(
            StoreKind store,
            int dispatchers,
            int handlers,
            long events,
            int publishBatch,
            EventQueueConfig config,
            AuditLog auditLog,
            String auditLabel) {
        this(store, dispatchers, handlers, events, publishBatch, config, auditLog, auditLabel, null);
    }

    public ThroughputCase(
            StoreKind store,
            int dispatchers,
            int handlers,
            long events,
            int publishBatch,
            EventQueueConfig config,
            AuditLog auditLog,
            String auditLabel,
            Tracing tracing) {
        this.tracing = tracing;
        this.store = store;
        this.dispatchers = dispatchers;
        this.handlers = handlers;
        this.events = events;
        this.publishBatch = publishBatch;
        this.config = config;
        this.auditLog = auditLog;
        this.auditLabel = auditLabel;
    }

    @Override
    public Table table() {
        return Table.THROUGHPUT;
    }

    public StoreKind store() {
        return store;
    }

    @Override
    public String rawReference() {
        return store.rawReference();
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", store.label());
        labels.put("dispatchers", Integer.toString(dispatchers));
        labels.put("handlers/event", Integer.toString(handlers));
        labels.put("events", String.format(java.util.Locale.ROOT, "%,d", events));
        labels.put("audit", auditLabel);
        if (tracing != null) {
            labels.put("tracing", tracing.label());
        }
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long eventCount = events; // warm-up at full size: the JIT needs it for the database drivers and Jackson
        try (QueueStore queue = store.open("tp")) {
            long entries = eventCount * handlers;
            long cpuBefore = processCpuNanos();
            Run run = measure(queue, eventCount);
            return Metrics.of(Metric.ENTRIES_PER_SECOND, run.entriesPerSecond())
                    .with(Metric.CPU_MICROS_PER_ENTRY, (processCpuNanos() - cpuBefore) / 1000.0 / entries)
                    .with(Metric.ALLOCATED_BYTES_PER_ENTRY, (double) run.allocatedBytes() / entries);
        }
    }

    /** CPU time of this JVM (all threads, database servers not included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * One measured run: entries per second from the first publish until every entry is completed,
     * and the heap bytes this JVM's threads allocated meanwhile (publisher, dispatcher, bench).
     */
    record Run(double entriesPerSecond, long allocatedBytes) {}

    /** Runs the publisher and the dispatchers until every entry is completed. */
    Run measure(QueueStore queue, long eventCount) throws Exception {
        long entries = eventCount * handlers;
        CallCounter counter = new CallCounter(entries);
        try (Nodes nodes = new Nodes(
                queue, dispatchers, handlers, counter, config, auditLog, tracing == null ? Tracing.OFF : tracing)) {
            nodes.startAll();
            AllocationMeter allocation = AllocationMeter.start();
            AtomicReference<Throwable> publishFailure = new AtomicReference<>();
            Thread publisher = new Thread(
                    () -> {
                        try {
                            Publishing.publish(nodes.get(0), eventCount, publishBatch);
                        } catch (Throwable t) {
                            publishFailure.set(t);
                        } finally {
                            allocation.threadEnding();
                        }
                    },
                    "bench-publisher");
            long start = System.nanoTime();
            publisher.start();
            counter.await(Duration.ofMinutes(5));
            while (!queue.settled()) {
                Thread.sleep(2);
            }
            long elapsed = System.nanoTime() - start;
            long allocated = allocation.allocated(); // before close: the dispatcher's threads still run
            publisher.join();
            if (publishFailure.get() != null) {
                throw new IllegalStateException("Publishing failed", publishFailure.get());
            }
            return new Run(entries * 1e9 / elapsed, allocated);
        } finally {
            queue.closeNodes();
        }
    }
}
