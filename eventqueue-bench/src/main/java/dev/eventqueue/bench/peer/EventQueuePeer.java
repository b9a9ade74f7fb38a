package dev.eventqueue.bench.peer;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.scenario.StoreKind;
import dev.eventqueue.bench.scenario.ThroughputCase;
import dev.eventqueue.bench.store.Database;

/** eventqueue itself, in the peers' table: the throughput case with one dispatcher and one handler per event. */
final class EventQueuePeer implements Peer {

    static final String LABEL = "eventqueue";

    private final EventQueueConfig config;

    EventQueuePeer(EventQueueConfig config) {
        this.config = config;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public String settings() {
        return "1 dispatcher, batchSize " + config.batchSize() + ", maxConcurrent " + config.maxConcurrent()
                + ", publishAll of the publish batch, pool of 6, audit log none";
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        ThroughputCase throughput = new ThroughputCase(
                StoreKind.of(Database.POSTGRESQL), 1, 1, jobs, batch, config, AuditLogs.none(), "none");
        return throughput.run(false).get(Metric.ENTRIES_PER_SECOND);
    }
}
