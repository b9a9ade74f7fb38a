package dev.eventqueue.bench.scenario;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.JdbcStore;
import java.util.LinkedHashMap;

/**
 * Whether the cost per entry grows with the table: each run measures throughput on a fresh empty
 * table and on a table that already holds {@code completedRows} completed rows (filled once with
 * one INSERT ... SELECT generate_series, then VACUUM ANALYZE as autovacuum would), back to back.
 */
public final class BacklogCase implements Case {

    private final long completedRows;
    private final long events;
    private final int publishBatch;
    private final EventQueueConfig config;
    private final AuditLog auditLog;
    private JdbcStore backlog;

    public BacklogCase(long completedRows, long events, int publishBatch, EventQueueConfig config, AuditLog auditLog) {
        this.completedRows = completedRows;
        this.events = events;
        this.publishBatch = publishBatch;
        this.config = config;
        this.auditLog = auditLog;
    }

    @Override
    public Table table() {
        return Table.BACKLOG;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", Database.POSTGRESQL.label());
        labels.put("dispatchers", "1");
        labels.put("handlers/event", "1");
        labels.put("events", String.format(java.util.Locale.ROOT, "%,d", events));
        labels.put("completed rows before", String.format(java.util.Locale.ROOT, "%,d", completedRows));
        return labels;
    }

    @Override
    public void setUp() throws Exception {
        backlog = new JdbcStore(Database.POSTGRESQL, "backlog");
        backlog.execute("INSERT INTO " + backlog.table() + " (id, event_id, event_type, event_data, handler_name, "
                + "status, attempts, created_at, updated_at) "
                + "SELECT gen_random_uuid(), gen_random_uuid(), 'BenchEvent', "
                + "'{\"sequence\":' || n || ',\"note\":\"order-' || n || '\"}', 'bench.handler-1', 'completed', 1, "
                + "now() - interval '1 day' + n * interval '1 millisecond', "
                + "now() - interval '1 day' + n * interval '1 millisecond' "
                + "FROM generate_series(1, " + completedRows + ") AS n");
        // as publishing them would have: one row each in the table of entries by event
        backlog.execute("INSERT INTO " + backlog.table() + "_by_event (event_id, handler_name, entry_id) "
                + "SELECT event_id, handler_name, id FROM " + backlog.table());
        backlog.execute("VACUUM ANALYZE " + backlog.table());
        backlog.execute("VACUUM ANALYZE " + backlog.table() + "_by_event");
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long eventCount = events;
        ThroughputCase measure = new ThroughputCase(
                StoreKind.of(Database.POSTGRESQL), 1, 1, eventCount, publishBatch, config, auditLog, "");
        double empty;
        try (JdbcStore fresh = new JdbcStore(Database.POSTGRESQL, "empty")) {
            empty = measure.measure(fresh, eventCount).entriesPerSecond();
        }
        double full = measure.measure(new Unclosable(backlog), eventCount).entriesPerSecond();
        return Metrics.of(Metric.EMPTY_ENTRIES_PER_SECOND, empty).with(Metric.ENTRIES_PER_SECOND, full);
    }

    @Override
    public void tearDown() {
        if (backlog != null) {
            backlog.close();
        }
    }
}
