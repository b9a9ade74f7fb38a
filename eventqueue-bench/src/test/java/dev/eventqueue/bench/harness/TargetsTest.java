package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetsTest {

    /** A latency row that returns scripted p99 figures, one per run. */
    private static Case latency(String store, String mode, double... p99) {
        return new ScriptedCase(
                Table.LATENCY, Metric.P99, p99, "store", store, "publisher → worker", mode, "handlers/event", "1");
    }

    /** A row of the given table that reports scripted entries/s, one figure per run. */
    private static Case rate(Table table, String store, double... entriesPerSecond) {
        if (table == Table.THROUGHPUT) {
            return new ScriptedCase(
                    table,
                    Metric.ENTRIES_PER_SECOND,
                    entriesPerSecond,
                    "store",
                    store,
                    "dispatchers",
                    "1",
                    "handlers/event",
                    "1",
                    "audit",
                    "none");
        }
        return new ScriptedCase(table, Metric.ENTRIES_PER_SECOND, entriesPerSecond, "store", store);
    }

    private static String targets(Case... cases) {
        return new Targets(new Report(ScriptedCase.runAll(cases))).table();
    }

    @Test
    void checksTheClusterLatencyTargetOnTheClusterRowsOnly() {
        String table = targets(
                latency("NATS 1 server", "same node", 50, 50, 50),
                latency("NATS 3 servers R3", "same node", 4, 9, 30),
                latency("NATS 3 servers R3", "across nodes", 11, 12, 13));

        assertThat(table)
                .contains(
                        "| JetStream, 3 servers, replicas 3, latency at 200/s, same node: p99 ≤ 10 ms | 9.00 p99 ms | yes |")
                .contains(
                        "| JetStream, 3 servers, replicas 3, latency at 200/s, across nodes: p99 ≤ 10 ms | 12.0 p99 ms"
                                + " | **no** |")
                .contains("| PostgreSQL latency at 200/s, same node: p99 ≤ 5 ms | not measured | – |");
    }

    @Test
    void theClusterTargetIsNotMeasuredWithoutClusterRows() {
        String table = targets(latency("NATS 1 server", "same node", 1, 1, 1));

        assertThat(table)
                .contains(
                        "| JetStream, 3 servers, replicas 3, latency at 200/s, same node: p99 ≤ 10 ms | not measured | – |");
    }

    @Test
    void checksMariaDbAgainstPostgreSqlOfTheSameRun() {
        String met = targets(
                rate(Table.THROUGHPUT, "PostgreSQL", 10_000, 10_000, 10_000),
                rate(Table.THROUGHPUT, "MariaDB", 5_000, 6_000, 9_000));
        String belowTarget = targets(
                rate(Table.THROUGHPUT, "PostgreSQL", 10_000, 10_000, 10_000),
                rate(Table.THROUGHPUT, "MariaDB", 5_900, 5_900, 9_000));
        String alone = targets(rate(Table.THROUGHPUT, "MariaDB", 9_000, 9_000, 9_000));

        String target = "| MariaDB, 1 dispatcher: ≥ 60 % of PostgreSQL's entries/s, same run (1 handler/event) | ";
        assertThat(met).contains(target + "60 % | yes |");
        assertThat(belowTarget).contains(target + "59 % | **no** |");
        assertThat(alone).contains(target + "not measured | – |");
    }

    @Test
    void checksTheStoreThatDeletesCompletedEntriesAgainstThePostgresRawReference() {
        String table = targets(
                rate(Table.RAW, "PostgreSQL", 9_000, 10_000, 11_000),
                rate(Table.THROUGHPUT, "PostgreSQL", 8_000, 8_000, 8_000),
                rate(Table.THROUGHPUT, "PostgreSQL, completed deleted", 12_000, 14_000, 20_000));

        assertThat(table)
                .contains("| PostgreSQL, 1 dispatcher, completed entries deleted: ≥ 1.3× the raw JDBC reference"
                        + " | 1.40× | yes |")
                .contains("| PostgreSQL, 1 dispatcher: ≥ 80 % of the raw JDBC reference | 80 % | yes |");
    }

    @Test
    void theDeletingStoreFallsShortBelowThirtyPercentAboveTheRawReference() {
        String table = targets(
                rate(Table.RAW, "PostgreSQL", 10_000, 10_000, 10_000),
                rate(Table.THROUGHPUT, "PostgreSQL, completed deleted", 12_000, 12_900, 13_000));

        assertThat(table)
                .contains("| PostgreSQL, 1 dispatcher, completed entries deleted: ≥ 1.3× the raw JDBC reference"
                        + " | 1.29× | **no** |");
    }

    @Test
    void theDeletingTargetIsNotMeasuredWithoutTheDeletingRowOrTheRawReference() {
        String withoutDeletingRow = targets(
                rate(Table.RAW, "PostgreSQL", 10_000, 10_000, 10_000),
                rate(Table.THROUGHPUT, "PostgreSQL", 8_000, 8_000, 8_000));
        String withoutRawReference =
                targets(rate(Table.THROUGHPUT, "PostgreSQL, completed deleted", 12_000, 14_000, 20_000));

        String notMeasured =
                "| PostgreSQL, 1 dispatcher, completed entries deleted: ≥ 1.3× the raw JDBC reference | not measured | – |";
        assertThat(withoutDeletingRow).contains(notMeasured);
        assertThat(withoutRawReference).contains(notMeasured);
    }

    /** A peers row that reports scripted jobs/s, one figure per run. */
    private static Case peer(String system, double... jobsPerSecond) {
        return new ScriptedCase(Table.PEERS, Metric.JOBS_PER_SECOND, jobsPerSecond, "system", system);
    }

    @Test
    void checksEachEventqueueRowAgainstDbScheduler() {
        String table = targets(
                peer("eventqueue", 20_000, 20_000, 20_000),
                peer("eventqueue, completed deleted", 40_000, 50_000, 60_000),
                peer("eventqueue, default settings", 30_000, 35_000, 70_000),
                peer("db-scheduler 16.7.1", 10_000, 10_000, 10_000));

        assertThat(table)
                .contains("| PostgreSQL, eventqueue: ≥ 5× db-scheduler, same run | 2.00× | **no** |")
                .contains("| PostgreSQL, eventqueue, completed deleted: ≥ 5× db-scheduler, same run | 5.00× | yes |")
                .contains("| PostgreSQL, eventqueue, default settings: ≥ 5× db-scheduler, same run | 3.50× | **no** |");
    }
}
