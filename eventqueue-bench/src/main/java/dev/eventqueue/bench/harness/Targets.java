package dev.eventqueue.bench.harness;

import dev.eventqueue.bench.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The performance targets, each checked against this run's medians. */
public final class Targets {

    /** The store label of the bench's 3-server cluster (see {@code NatsServers}). */
    private static final String NATS_CLUSTER = "NATS 3 servers R3";

    private static final String BACKLOG_TARGET = "with 1,000,000 completed rows: ≥ 95 % of the empty-table figure";

    private record Check(String target, String measured, Boolean met) {}

    private final Report report;
    private final List<Check> checks = new ArrayList<>();

    public Targets(Report report) {
        this.report = report;
        evaluate();
    }

    private void evaluate() {
        atLeast(
                "in-memory: ≥ 1,000,000 handler calls/s, 1 handler per event",
                row(Table.THROUGHPUT, "in-memory", "1", "1", "none"),
                Metric.ENTRIES_PER_SECOND,
                1_000_000);
        atLeast(
                "PostgreSQL, 1 dispatcher: ≥ 25,000 entries/s end to end (1 handler/event)",
                row(Table.THROUGHPUT, "PostgreSQL", "1", "1", "none"),
                Metric.ENTRIES_PER_SECOND,
                25_000);
        Optional<CaseResult> pg = row(Table.THROUGHPUT, "PostgreSQL", "1", "1", "none");
        Double raw = report.rawReference("PostgreSQL");
        if (pg.isPresent() && raw != null) {
            double percent = 100 * pg.get().median(Metric.ENTRIES_PER_SECOND) / raw;
            checks.add(new Check(
                    "PostgreSQL, 1 dispatcher: ≥ 80 % of the raw JDBC reference",
                    String.format(Locale.ROOT, "%.0f %%", percent), percent >= 80));
        } else {
            checks.add(new Check("PostgreSQL, 1 dispatcher: ≥ 80 % of the raw JDBC reference", "not measured", null));
        }
        Optional<CaseResult> deleting =
                row(Table.THROUGHPUT, RowLabels.completedDeleted(Database.POSTGRESQL.label()), "1", "1", "none");
        String deletingTarget = "PostgreSQL, 1 dispatcher, completed entries deleted: ≥ 1.3× the raw JDBC reference";
        if (deleting.isPresent() && raw != null) {
            double ratio = deleting.get().median(Metric.ENTRIES_PER_SECOND) / raw;
            checks.add(new Check(deletingTarget, String.format(Locale.ROOT, "%.2f×", ratio), ratio >= 1.3));
        } else {
            checks.add(new Check(deletingTarget, "not measured", null));
        }
        mariaDbShareOfPostgreSql();
        atLeast(
                "PostgreSQL publishAll: ≥ 100,000 entries/s (1 handler/event)",
                report.find(
                        Table.PUBLISH,
                        r -> "PostgreSQL".equals(r.label("store")) && "1".equals(r.label("handlers/event"))),
                Metric.ENTRIES_PER_SECOND,
                100_000);
        atMost("PostgreSQL latency at 200/s, same node: p50 ≤ 1 ms", latency("PostgreSQL", "same node"), Metric.P50, 1);
        atMost("PostgreSQL latency at 200/s, same node: p99 ≤ 5 ms", latency("PostgreSQL", "same node"), Metric.P99, 5);
        atMost(
                "PostgreSQL latency at 200/s, across nodes: p99 ≤ 10 ms",
                latency("PostgreSQL", "across nodes"),
                Metric.P99,
                10);
        atMost(
                "JetStream, 3 servers, replicas 3, latency at 200/s, same node: p99 ≤ 10 ms",
                latency(NATS_CLUSTER, "same node"),
                Metric.P99,
                10);
        atMost(
                "JetStream, 3 servers, replicas 3, latency at 200/s, across nodes: p99 ≤ 10 ms",
                latency(NATS_CLUSTER, "across nodes"),
                Metric.P99,
                10);
        atMost("PostgreSQL due-time lateness at 200/s, same node: p50 ≤ 10 ms", dueTime("same node"), Metric.P50, 10);
        atMost("PostgreSQL due-time lateness at 200/s, same node: p99 ≤ 50 ms", dueTime("same node"), Metric.P99, 50);
        // Across nodes the poll interval is the fallback; shown against the same bounds, apart.
        atMost(
                "PostgreSQL due-time lateness at 200/s, across nodes (NOTIFY): p50 ≤ 10 ms",
                dueTime("across nodes"),
                Metric.P50,
                10);
        atMost(
                "PostgreSQL due-time lateness at 200/s, across nodes (NOTIFY): p99 ≤ 50 ms",
                dueTime("across nodes"),
                Metric.P99,
                50);
        atMost(
                "1,000,000 pending in-memory entries fit in 1 GiB of heap",
                report.find(Table.MEMORY, r -> true),
                Metric.HEAP_MIB,
                1024);
        RowLabels.eventQueuePeers().forEach(this::fiveTimesDbScheduler);
        Optional<CaseResult> backlog = report.find(Table.BACKLOG, r -> true);
        if (backlog.isPresent()) {
            double ratio = backlog.get().median(Metric.ENTRIES_PER_SECOND)
                    / backlog.get().median(Metric.EMPTY_ENTRIES_PER_SECOND);
            checks.add(new Check(
                    BACKLOG_TARGET, String.format(Locale.ROOT, "%.0f %% of empty", 100 * ratio), ratio >= 0.95));
        } else {
            checks.add(new Check(BACKLOG_TARGET, "not measured", null));
        }
    }

    /** MariaDB's throughput with 1 dispatcher and 1 handler per event against PostgreSQL's, both of this run. */
    private void mariaDbShareOfPostgreSql() {
        String target = "MariaDB, 1 dispatcher: ≥ 60 % of PostgreSQL's entries/s, same run (1 handler/event)";
        Optional<CaseResult> mariaDb = row(Table.THROUGHPUT, Database.MARIADB.label(), "1", "1", "none");
        Optional<CaseResult> postgres = row(Table.THROUGHPUT, Database.POSTGRESQL.label(), "1", "1", "none");
        if (mariaDb.isEmpty() || postgres.isEmpty()) {
            checks.add(new Check(target, "not measured", null));
            return;
        }
        double share =
                mariaDb.get().median(Metric.ENTRIES_PER_SECOND) / postgres.get().median(Metric.ENTRIES_PER_SECOND);
        checks.add(new Check(target, String.format(Locale.ROOT, "%.0f %%", 100 * share), share >= 0.6));
    }

    /** eventqueue's row {@code system} against db-scheduler's, both from the peers table of this run. */
    private void fiveTimesDbScheduler(String system) {
        String target = "PostgreSQL, " + system + ": ≥ 5× db-scheduler, same run";
        Optional<CaseResult> ours = report.find(Table.PEERS, r -> system.equals(r.label("system")));
        Optional<CaseResult> theirs =
                report.find(Table.PEERS, r -> r.label("system").startsWith("db-scheduler"));
        if (ours.isEmpty() || theirs.isEmpty()) {
            checks.add(new Check(target, "not measured", null));
            return;
        }
        double ratio = ours.get().median(Metric.JOBS_PER_SECOND) / theirs.get().median(Metric.JOBS_PER_SECOND);
        checks.add(new Check(target, String.format(Locale.ROOT, "%.2f×", ratio), ratio >= 5));
    }

    private Optional<CaseResult> row(Table table, String store, String dispatchers, String handlers, String audit) {
        return report.find(
                table,
                r -> store.equals(r.label("store"))
                        && dispatchers.equals(r.label("dispatchers"))
                        && handlers.equals(r.label("handlers/event"))
                        && audit.equals(r.label("audit")));
    }

    private Optional<CaseResult> latency(String store, String mode) {
        return report.find(
                Table.LATENCY,
                r -> store.equals(r.label("store"))
                        && mode.equals(r.label("publisher → worker"))
                        && "1".equals(r.label("handlers/event")));
    }

    private Optional<CaseResult> dueTime(String mode) {
        return report.find(
                Table.DUE_TIME,
                r -> "PostgreSQL".equals(r.label("store"))
                        && mode.equals(r.label("publisher → worker"))
                        && !"no".equals(r.label("publish wakes worker"))
                        && "due time".equals(r.label("worker wakes at")));
    }

    private void atLeast(String target, Optional<CaseResult> row, Metric metric, double bound) {
        add(target, row, metric, value -> value >= bound);
    }

    private void atMost(String target, Optional<CaseResult> row, Metric metric, double bound) {
        add(target, row, metric, value -> value <= bound);
    }

    private void add(String target, Optional<CaseResult> row, Metric metric, java.util.function.DoublePredicate ok) {
        Double median = row.map(r -> r.median(metric)).orElse(null);
        if (median == null) {
            checks.add(new Check(target, "not measured", null));
        } else {
            checks.add(new Check(target, metric.format(median) + " " + metric.header(), ok.test(median)));
        }
    }

    public String table() {
        StringBuilder text = new StringBuilder("#### Targets\n\n| target | measured (median) | met |\n|---|---|---|\n");
        for (Check check : checks) {
            text.append("| ")
                    .append(check.target())
                    .append(" | ")
                    .append(check.measured())
                    .append(" | ")
                    .append(check.met() == null ? "–" : check.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return text.append('\n').toString();
    }
}
