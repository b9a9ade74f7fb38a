package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditLogs;
import dev.eventqueue.bench.peer.PeerCase;
import dev.eventqueue.bench.scenario.PublishRateCase;
import dev.eventqueue.bench.scenario.RawReferenceCase;
import dev.eventqueue.bench.scenario.StoreKind;
import dev.eventqueue.bench.scenario.ThroughputCase;
import dev.eventqueue.bench.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static ScriptedCase scripted(Table table, String store, double... entriesPerSecond) {
        return new ScriptedCase(table, Metric.ENTRIES_PER_SECOND, entriesPerSecond, "store", store);
    }

    private static List<CaseResult> run(Case... cases) {
        return ScriptedCase.runAll(cases);
    }

    @Test
    void showsTheMedianOfTheMeasuredRunsTheirRangeAndTheShareOfTheRawReference() {
        List<CaseResult> results = run(
                scripted(Table.RAW, "PostgreSQL", 100, 300, 200),
                scripted(Table.THROUGHPUT, "PostgreSQL", 150, 50, 100).against("PostgreSQL"));

        String tables = new Report(results).tables();

        assertThat(results.get(0).median(Metric.ENTRIES_PER_SECOND)).isEqualTo(200);
        // Blank cells: the figures these scripted cases did not measure.
        assertThat(tables).contains("| PostgreSQL | 200 |  |  | 100 – 300 |");
        assertThat(tables).contains("| PostgreSQL | 100 |  |  | 50 – 150 | 50 % |");
    }

    @Test
    void aRowIsShownAgainstTheRawReferenceItNamesNotOneItsLabelResembles() {
        String tables = new Report(run(
                        scripted(Table.RAW, "PostgreSQL", 200, 200, 200),
                        scripted(Table.RAW, "H2", 400, 400, 400),
                        scripted(Table.THROUGHPUT, "PostgreSQL, variant", 100, 100, 100),
                        scripted(Table.THROUGHPUT, "embedded", 100, 100, 100).against("H2")))
                .tables();

        assertThat(tables)
                .contains("| PostgreSQL, variant | 100 |  |  | 100 – 100 |  |\n")
                .contains("| embedded | 100 |  |  | 100 – 100 | 25 % |\n");
    }

    private static Case throughput(StoreKind store, double... entriesPerSecond) {
        return ScriptedCase.like(new ThroughputCase(
                        store, 1, 1, 50_000, 500, EventQueueConfig.defaults(), AuditLogs.none(), "none"))
                .reports(Metric.ENTRIES_PER_SECOND, entriesPerSecond);
    }

    @Test
    void comparesEachRowOfTheBenchmarksCasesWithItsDatabasesRawReferenceAndThePeersWithEachEventqueueRow() {
        List<Case> peers = PeerCase.all(EventQueueConfig.defaults(), 50_000, 500);
        String tables = new Report(run(
                        ScriptedCase.like(new RawReferenceCase(Database.POSTGRESQL, 100_000, 500, 200))
                                .reports(Metric.ENTRIES_PER_SECOND, 9_000, 10_000, 11_000)
                                .reports(Metric.INSERTS_PER_SECOND, 40_000, 40_000, 40_000)
                                .reports(Metric.COPY_ROWS_PER_SECOND, 80_000, 80_000, 80_000),
                        throughput(StoreKind.IN_MEMORY, 1_000_000, 1_000_000, 1_000_000),
                        throughput(StoreKind.of(Database.POSTGRESQL), 8_000, 8_000, 8_000),
                        throughput(StoreKind.deletingCompleted(Database.POSTGRESQL), 12_000, 14_000, 20_000),
                        throughput(StoreKind.deletingCompleted(Database.MARIADB), 5_000, 5_000, 5_000),
                        ScriptedCase.like(new PublishRateCase(
                                        StoreKind.of(Database.POSTGRESQL), 1, 50_000, 500, AuditLogs.none(), "none"))
                                .reports(Metric.ENTRIES_PER_SECOND, 20_000, 20_000, 20_000),
                        ScriptedCase.like(peers.get(0)).reports(Metric.JOBS_PER_SECOND, 20_000, 20_000, 20_000),
                        ScriptedCase.like(peers.get(1)).reports(Metric.JOBS_PER_SECOND, 40_000, 40_000, 40_000),
                        ScriptedCase.like(peers.get(2)).reports(Metric.JOBS_PER_SECOND, 5_000, 5_000, 5_000),
                        ScriptedCase.like(peers.get(3)).reports(Metric.JOBS_PER_SECOND, 10_000, 10_000, 10_000)))
                .tables();

        assertThat(tables)
                .contains("| in-memory | 1 | 1 | 50,000 | none | 1,000,000 |  |  | 1,000,000 – 1,000,000 |  |\n")
                .contains("| PostgreSQL | 1 | 1 | 50,000 | none | 8,000 |  |  | 8,000 – 8,000 | 80 % |\n")
                .contains("| PostgreSQL, completed deleted | 1 | 1 | 50,000 | none | 14,000 |  |  | 12,000 – 20,000"
                        + " | 140 % |\n")
                // No raw reference of MariaDB ran: no share of it.
                .contains("| MariaDB, completed deleted | 1 | 1 | 50,000 | none | 5,000 |  |  | 5,000 – 5,000 |  |\n")
                .contains(
                        "| store | handlers/event | batch | events | audit | entries/s | events/s | range of entries/s"
                                + " | % of raw inserts | % of raw COPY |\n")
                .contains("| PostgreSQL | 1 | 500 | 50,000 | none | 20,000 |  | 20,000 – 20,000 | 50 % | 25 % |\n")
                .contains("| jobs/s | range of jobs/s | eventqueue / this | eventqueue, completed deleted / this"
                        + " | eventqueue, default settings / this |\n");
        assertThat(tables.lines().filter(line -> line.startsWith("| eventqueue |")))
                .singleElement()
                .asString()
                .endsWith("| 50,000 | 20,000 | 20,000 – 20,000 | 1.00× | 2.00× | 0.25× |");
        assertThat(tables.lines().filter(line -> line.startsWith("| eventqueue, completed deleted |")))
                .singleElement()
                .asString()
                .endsWith("| 50,000 | 40,000 | 40,000 – 40,000 | 0.50× | 1.00× | 0.13× |");
        assertThat(tables.lines().filter(line -> line.startsWith("| eventqueue, default settings |")))
                .singleElement()
                .asString()
                .contains("audit log default")
                .endsWith("| 50,000 | 5,000 | 5,000 – 5,000 | 4.00× | 8.00× | 1.00× |");
        assertThat(tables.lines().filter(line -> line.startsWith("| db-scheduler ")))
                .singleElement()
                .asString()
                .endsWith("| 50,000 | 10,000 | 10,000 – 10,000 | 2.00× | 4.00× | 0.50× |");
    }

    @Test
    void aFailingCaseIsReportedWithItsErrorAndDoesNotStopTheOthers() {
        Case failing = new Case() {
            @Override
            public Table table() {
                return Table.THROUGHPUT;
            }

            @Override
            public LinkedHashMap<String, String> labels() {
                LinkedHashMap<String, String> labels = new LinkedHashMap<>();
                labels.put("store", "MariaDB");
                return labels;
            }

            @Override
            public Metrics run(boolean warmUp) {
                throw new IllegalStateException("server gone");
            }
        };

        List<CaseResult> results = run(failing, scripted(Table.RAW, "H2", 10, 20, 30));

        assertThat(results.get(0).error()).contains("server gone");
        assertThat(results.get(1).median(Metric.ENTRIES_PER_SECOND)).isEqualTo(20);
        assertThat(new Report(results).tables())
                .contains("| MariaDB | failed: java.lang.IllegalStateException: server gone");
    }

    @Test
    void quantilesUseTheNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(LatencyRecorder.quantile(sorted, 0.5)).isEqualTo(5);
        assertThat(LatencyRecorder.quantile(sorted, 0.99)).isEqualTo(10);
        assertThat(LatencyRecorder.quantile(new long[0], 0.5)).isZero();
    }
}
