package dev.eventqueue.bench.harness;

import java.util.List;

/** The result tables of a benchmark run; each lists the metrics its rows show, in order. */
public enum Table {
    THROUGHPUT(
            "Throughput",
            "publish N events, wait until every entry is completed",
            List.of(Metric.ENTRIES_PER_SECOND, Metric.CPU_MICROS_PER_ENTRY, Metric.ALLOCATED_BYTES_PER_ENTRY)),
    SUSTAINED(
            "Sustained throughput",
            "as Throughput, with 1 dispatcher, 1 handler per event and twenty times the events (about a minute on "
                    + "PostgreSQL): with the store vacuuming its table, and with vacuumAfter(0)",
            List.of(Metric.ENTRIES_PER_SECOND, Metric.CPU_MICROS_PER_ENTRY, Metric.ALLOCATED_BYTES_PER_ENTRY)),
    PUBLISH(
            "Publish rate",
            "publishAll in batches into a queue nobody consumes",
            List.of(Metric.ENTRIES_PER_SECOND, Metric.EVENTS_PER_SECOND)),
    LATENCY(
            "Latency",
            "publish call to handler start, at a fixed publish rate",
            List.of(Metric.P50, Metric.P99, Metric.P999, Metric.MAX, Metric.PUBLISH_P50, Metric.PUBLISH_P99)),
    DUE_TIME(
            "Due-time lateness",
            "delayed events (publishAt, 200 ms ahead) at a fixed rate: handler start minus due time",
            List.of(Metric.P50, Metric.P99, Metric.P999, Metric.MAX)),
    RAW(
            "Raw JDBC reference",
            "the same row lifecycle by plain JDBC: batch insert, claim with SKIP LOCKED, mark "
                    + "completed; and, into a fresh table, the inserts alone; on PostgreSQL also the same rows "
                    + "by COPY alone (no duplicate check)",
            List.of(Metric.ENTRIES_PER_SECOND, Metric.INSERTS_PER_SECOND, Metric.COPY_ROWS_PER_SECOND)),
    MEMORY(
            "Memory",
            "pending entries held by the in-memory queue, in a child JVM with -Xmx1g",
            List.of(Metric.HEAP_MIB, Metric.BYTES_PER_ENTRY)),
    PEERS(
            "Peers on the same PostgreSQL",
            "the same number of no-op jobs published in batches from one thread, until every job ran and its row is "
                    + "finished; each system in its own schema of the same server, warmed up, then the systems' measured runs in turn",
            List.of(Metric.JOBS_PER_SECOND)),
    BACKLOG(
            "Cost per entry against a large table",
            "throughput on an empty table and with 1,000,000 completed rows",
            List.of(Metric.EMPTY_ENTRIES_PER_SECOND, Metric.ENTRIES_PER_SECOND)),
    TRACING_COST(
            "Cost of tracing",
            "the same throughput run untraced and traced, alternating within each round (which goes first "
                    + "alternates too); the ratio is taken per round, then its median",
            List.of(
                    Metric.TRACED_RATIO,
                    Metric.UNTRACED_PER_SECOND,
                    Metric.TRACED_PER_SECOND,
                    Metric.UNTRACED_CPU_MICROS,
                    Metric.TRACED_CPU_MICROS));

    private final String title;
    private final String what;
    private final List<Metric> metrics;

    Table(String title, String what, List<Metric> metrics) {
        this.title = title;
        this.what = what;
        this.metrics = metrics;
    }

    public String title() {
        return title;
    }

    public String what() {
        return what;
    }

    public List<Metric> metrics() {
        return metrics;
    }
}
