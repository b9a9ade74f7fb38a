package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    /** A latency row that returns scripted p99 figures, one per run. */
    private static Case latency(String store, String mode, double... p99) {
        return new Case() {
            private int run;

            @Override
            public Table table() {
                return Table.LATENCY;
            }

            @Override
            public LinkedHashMap<String, String> labels() {
                LinkedHashMap<String, String> labels = new LinkedHashMap<>();
                labels.put("store", store);
                labels.put("publisher → worker", mode);
                labels.put("handlers/event", "1");
                return labels;
            }

            @Override
            public Metrics run(boolean warmUp) {
                return Metrics.of(Metric.P99, warmUp ? 999 : p99[run++]);
            }
        };
    }

    /** A row of the given table that reports scripted entries/s, one figure per run. */
    private static Case rate(Table table, String store, double... entriesPerSecond) {
        return new Case() {
            private int run;

            @Override
            public Table table() {
                return table;
            }

            @Override
            public LinkedHashMap<String, String> labels() {
                LinkedHashMap<String, String> labels = new LinkedHashMap<>();
                labels.put("store", store);
                if (table == Table.THROUGHPUT) {
                    labels.put("dispatchers", "1");
                    labels.put("handlers/event", "1");
                    labels.put("audit", "none");
                }
                return labels;
            }

            @Override
            public Metrics run(boolean warmUp) {
                return Metrics.of(Metric.ENTRIES_PER_SECOND, warmUp ? 1 : entriesPerSecond[run++]);
            }
        };
    }

    private static String targets(Case... cases) {
        List<CaseResult> results = new Runner(
                        3, new Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .runAll(List.of(cases));
        return new Targets(new Report(results)).table();
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

    /** A peers row that reports scripted jobs/s, one figure per run. */
    private static Case peer(String system, double... jobsPerSecond) {
        return new Case() {
            private int run;

            @Override
            public Table table() {
                return Table.PEERS;
            }

            @Override
            public LinkedHashMap<String, String> labels() {
                LinkedHashMap<String, String> labels = new LinkedHashMap<>();
                labels.put("system", system);
                return labels;
            }

            @Override
            public Metrics run(boolean warmUp) {
                return Metrics.of(Metric.JOBS_PER_SECOND, warmUp ? 1 : jobsPerSecond[run++]);
            }
        };
    }

    @Test
    void checksBothEventqueueRowsAgainstDbScheduler() {
        String table = targets(
                peer("eventqueue", 20_000, 20_000, 20_000),
                peer("eventqueue, completed deleted", 40_000, 50_000, 60_000),
                peer("db-scheduler 16.7.1", 10_000, 10_000, 10_000));

        assertThat(table)
                .contains("| PostgreSQL, eventqueue: ≥ 5× db-scheduler, same run | 2.00× | **no** |")
                .contains("| PostgreSQL, eventqueue, completed deleted: ≥ 5× db-scheduler, same run | 5.00× | yes |");
    }
}
