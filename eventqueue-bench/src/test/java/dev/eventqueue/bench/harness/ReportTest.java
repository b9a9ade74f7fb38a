package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Case scripted(Table table, String store, double... entriesPerSecond) {
        return new ScriptedCase(table, Metric.ENTRIES_PER_SECOND, entriesPerSecond, "store", store);
    }

    private static List<CaseResult> run(Case... cases) {
        return ScriptedCase.runAll(cases);
    }

    @Test
    void showsTheMedianOfTheMeasuredRunsTheirRangeAndTheShareOfTheRawReference() {
        List<CaseResult> results = run(
                scripted(Table.RAW, "PostgreSQL", 100, 300, 200),
                scripted(Table.THROUGHPUT, "PostgreSQL", 150, 50, 100));

        String tables = new Report(results).tables();

        assertThat(results.get(0).median(Metric.ENTRIES_PER_SECOND)).isEqualTo(200);
        // Blank cells: the figures these scripted cases did not measure.
        assertThat(tables).contains("| PostgreSQL | 200 |  |  | 100 – 300 |");
        assertThat(tables).contains("| PostgreSQL | 100 |  |  | 50 – 150 | 50 % |");
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
