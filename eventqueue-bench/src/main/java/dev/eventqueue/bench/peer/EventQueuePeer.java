package dev.eventqueue.bench.peer;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.RowLabels;
import dev.eventqueue.bench.scenario.StoreKind;
import dev.eventqueue.bench.scenario.ThroughputCase;
import dev.eventqueue.bench.store.Database;

/**
 * eventqueue itself, in the peers' table: the throughput case with one dispatcher and one handler
 * per event, keeping completed entries (the default) or deleting them at completion, as
 * db-scheduler does with a finished one-time task.
 */
public final class EventQueuePeer implements Peer {

    private final EventQueueConfig config;
    private final boolean deleteCompleted;

    EventQueuePeer(EventQueueConfig config, boolean deleteCompleted) {
        this.config = config;
        this.deleteCompleted = deleteCompleted;
    }

    @Override
    public String label() {
        return RowLabels.eventQueuePeer(deleteCompleted);
    }

    @Override
    public String settings() {
        return "1 dispatcher, batchSize " + config.batchSize() + ", maxConcurrent " + config.maxConcurrent()
                + ", publishAll of the publish batch, pool of 6, audit log none"
                + (deleteCompleted ? ", keepCompletedEntries(false)" : "");
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        StoreKind store =
                deleteCompleted ? StoreKind.deletingCompleted(Database.POSTGRESQL) : StoreKind.of(Database.POSTGRESQL);
        ThroughputCase throughput = new ThroughputCase(store, 1, 1, jobs, batch, config, AuditLogs.none(), "none");
        return throughput.run(false).get(Metric.ENTRIES_PER_SECOND);
    }
}
