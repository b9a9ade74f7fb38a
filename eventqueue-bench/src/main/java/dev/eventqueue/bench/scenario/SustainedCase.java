package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import java.util.LinkedHashMap;

/**
 * The throughput case at twenty times its size, about a minute on PostgreSQL: long enough for the
 * row versions that claims and completions leave behind to pile up, so that the store vacuuming
 * its own table shows against the same store with {@code vacuumAfter(0)}. Warms up at the
 * throughput case's size.
 */
public final class SustainedCase implements Case {

    private final ThroughputCase sustained;
    private final ThroughputCase warmUp;

    public SustainedCase(StoreKind store, long events, long warmUpEvents, int publishBatch, EventQueueConfig config) {
        this.sustained = new ThroughputCase(store, 1, 1, events, publishBatch, config, AuditLogs.none(), "none");
        this.warmUp = new ThroughputCase(store, 1, 1, warmUpEvents, publishBatch, config, AuditLogs.none(), "none");
    }

    @Override
    public Table table() {
        return Table.SUSTAINED;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        return sustained.labels();
    }

    @Override
    public Metrics run(boolean warmingUp) throws Exception {
        return (warmingUp ? warmUp : sustained).run(false);
    }
}
