package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.QueueStore;
import java.util.LinkedHashMap;

/** Enqueue rate alone: one thread publishes N events with publishAll in batches; no dispatcher runs. */
public final class PublishRateCase implements Case {

    private final StoreKind store;
    private final int handlers;
    private final long events;
    private final int batch;
    private final AuditLog auditLog;
    private final String auditLabel;

    public PublishRateCase(
            StoreKind store, int handlers, long events, int batch, AuditLog auditLog, String auditLabel) {
        this.store = store;
        this.handlers = handlers;
        this.events = events;
        this.batch = batch;
        this.auditLog = auditLog;
        this.auditLabel = auditLabel;
    }

    @Override
    public Table table() {
        return Table.PUBLISH;
    }

    @Override
    public String rawReference() {
        return store.rawReference();
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", store.label());
        labels.put("handlers/event", Integer.toString(handlers));
        labels.put("batch", Integer.toString(batch));
        labels.put("events", String.format(java.util.Locale.ROOT, "%,d", events));
        labels.put("audit", auditLabel);
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long eventCount = warmUp ? Math.max(1000, events / 2) : events;
        try (QueueStore queue = store.open("pub");
                Nodes nodes = new Nodes(queue, 1, handlers, event -> {}, EventQueueConfig.defaults(), auditLog)) {
            long start = System.nanoTime();
            Publishing.publish(nodes.get(0), eventCount, batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            return Metrics.of(Metric.ENTRIES_PER_SECOND, eventCount * handlers / seconds)
                    .with(Metric.EVENTS_PER_SECOND, eventCount / seconds);
        }
    }
}
