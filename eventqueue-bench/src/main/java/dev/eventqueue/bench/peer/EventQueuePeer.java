package dev.eventqueue.bench.peer;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.RowLabels;
import dev.eventqueue.bench.scenario.StoreKind;
import dev.eventqueue.bench.scenario.ThroughputCase;
import dev.eventqueue.bench.store.Database;

/**
 * eventqueue itself, in the peers' table: the throughput case with one dispatcher and one handler
 * per event, keeping completed entries (the default) or deleting them at completion, as
 * db-scheduler does with a finished one-time task; and once with every setting at its default and
 * the default audit log, as a program written from the README runs.
 */
public final class EventQueuePeer implements Peer {

    private final EventQueueConfig config;
    private final boolean deleteCompleted;
    private final boolean defaults;

    private EventQueuePeer(EventQueueConfig config, boolean deleteCompleted, boolean defaults) {
        this.config = config;
        this.deleteCompleted = deleteCompleted;
        this.defaults = defaults;
    }

    /** Tuned for the benchmark's no-op work, without an audit log. */
    static EventQueuePeer tuned(EventQueueConfig config, boolean deleteCompleted) {
        return new EventQueuePeer(config, deleteCompleted, false);
    }

    /** Every setting at its default, the default (in-memory) audit log, completed entries kept. */
    static EventQueuePeer withDefaults() {
        return new EventQueuePeer(EventQueueConfig.defaults(), false, true);
    }

    @Override
    public String label() {
        return defaults ? RowLabels.eventQueuePeerDefaults() : RowLabels.eventQueuePeer(deleteCompleted);
    }

    @Override
    public String settings() {
        return "1 dispatcher, batchSize " + config.batchSize() + ", maxConcurrent " + config.maxConcurrent()
                + ", publishAll of the publish batch, pool of 6, audit log " + (defaults ? "default" : "none")
                + (deleteCompleted ? ", keepCompletedEntries(false)" : "");
    }

    @Override
    public double run(long jobs, int batch, String payload) throws Exception {
        StoreKind store =
                deleteCompleted ? StoreKind.deletingCompleted(Database.POSTGRESQL) : StoreKind.of(Database.POSTGRESQL);
        ThroughputCase throughput = new ThroughputCase(
                store,
                1,
                1,
                jobs,
                batch,
                config,
                defaults ? new InMemoryAuditLog() : AuditLogs.none(),
                defaults ? "default" : "none");
        return throughput.run(false).get(Metric.ENTRIES_PER_SECOND);
    }
}
