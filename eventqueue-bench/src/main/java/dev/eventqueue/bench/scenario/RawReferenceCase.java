package dev.eventqueue.bench.scenario;

import dev.eventqueue.bench.BenchEvent;
import dev.eventqueue.bench.harness.Case;
import dev.eventqueue.bench.harness.Metric;
import dev.eventqueue.bench.harness.Metrics;
import dev.eventqueue.bench.harness.Table;
import dev.eventqueue.bench.store.Database;
import dev.eventqueue.bench.store.JdbcStore;
import dev.eventqueue.jdbc.json.JacksonEventSerializer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the database itself allows for the queue's row lifecycle, measured in the same run: three
 * threads with a connection each, as the queue has, run a pipeline of plain JDBC. One inserts
 * pending rows in batches, one claims batches with SKIP LOCKED, one marks claimed batches completed.
 * The table comes from the repository's own schema script, so indexes match, and the statements
 * have the repository's shapes (on PostgreSQL: unnest inserts, the claim transaction's settings,
 * {@code = ANY} completions), so the ratio shows what the library adds, not what its SQL costs.
 */
public final class RawReferenceCase implements Case {

    static final String HANDLER = "bench.handler-1";

    private final Database database;
    private final long rows;
    private final int insertBatch;
    private final int claimBatch;

    public RawReferenceCase(Database database, long rows, int insertBatch, int claimBatch) {
        this.database = database;
        this.rows = rows;
        this.insertBatch = insertBatch;
        this.claimBatch = claimBatch;
    }

    public Database database() {
        return database;
    }

    @Override
    public Table table() {
        return Table.RAW;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        LinkedHashMap<String, String> labels = new LinkedHashMap<>();
        labels.put("store", database.label());
        labels.put("insert batch", Integer.toString(insertBatch));
        labels.put("claim batch", Integer.toString(claimBatch));
        labels.put("rows", String.format(java.util.Locale.ROOT, "%,d", rows));
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) throws Exception {
        long count = warmUp ? Math.max(1000, rows / 2) : rows;
        try (JdbcStore store = new JdbcStore(database, "raw")) {
            if (database == Database.POSTGRESQL) {
                // The reference stands for the three writes of an entry as first designed, with one
                // entry per event and handler kept by a unique index of the queue table (the store
                // now keeps the pairs in a table of their own).
                store.execute("ALTER TABLE " + store.table() + " ADD CONSTRAINT " + store.table()
                        + "_evh_uk UNIQUE (event_id, handler_name)");
            }
            String payload = new JacksonEventSerializer().serialize(BenchEvent.next(0, Instant.now()));
            RawPipeline pipeline = new RawPipeline(database, store.admin(), store.table(), payload, claimBatch);
            BlockingQueue<List<UUID>> claimed = new ArrayBlockingQueue<>(64);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            Thread inserter = pipelineThread("raw-insert", failure, () -> pipeline.insertAll(count, insertBatch));
            Thread claimer = pipelineThread("raw-claim", failure, () -> pipeline.claimAll(count, claimed, failure));
            inserter.start();
            claimer.start();
            try {
                pipeline.completeAll(count, claimed, failure);
            } finally {
                inserter.join();
                claimer.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Raw pipeline failed", failure.get());
            }
            double lifecycle = count * 1e9 / (System.nanoTime() - start);
            Metrics metrics = Metrics.of(Metric.ENTRIES_PER_SECOND, lifecycle)
                    .with(Metric.INSERTS_PER_SECOND, insertsAlone(payload, count));
            return database == Database.POSTGRESQL
                    ? metrics.with(Metric.COPY_ROWS_PER_SECOND, copyAlone(payload, count))
                    : metrics;
        }
    }

    /** The inserts alone, one thread, into a fresh table: the reference for the publish rate. */
    private double insertsAlone(String payload, long count) throws Exception {
        try (JdbcStore store = new JdbcStore(database, "rawins")) {
            RawPipeline pipeline = new RawPipeline(database, store.admin(), store.table(), payload, claimBatch);
            long start = System.nanoTime();
            pipeline.insertAll(count, insertBatch);
            return count * 1e9 / (System.nanoTime() - start);
        }
    }

    /** PostgreSQL: the same rows by COPY alone, one thread, into a fresh table: the reference for COPY publishing. */
    private double copyAlone(String payload, long count) throws Exception {
        try (JdbcStore store = new JdbcStore(database, "rawcopy")) {
            RawPipeline pipeline = new RawPipeline(database, store.admin(), store.table(), payload, claimBatch);
            long start = System.nanoTime();
            pipeline.copyAll(count, insertBatch);
            return count * 1e9 / (System.nanoTime() - start);
        }
    }

    private static Thread pipelineThread(String name, AtomicReference<Throwable> failure, RawPipeline.Step step) {
        return new Thread(
                () -> {
                    try {
                        step.run();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                },
                name);
    }
}
