package dev.eventqueue.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void runsUngroupedCasesOneAfterTheOther() {
        List<CaseResult> results = runner(2).runAll(List.of(new Recorded("a", null, -1), new Recorded("b", null, -1)));

        assertThat(calls)
                .containsExactly(
                        "a setUp",
                        "a warm-up",
                        "a warm-up",
                        "a run",
                        "a run",
                        "a tearDown",
                        "b setUp",
                        "b warm-up",
                        "b warm-up",
                        "b run",
                        "b run",
                        "b tearDown");
        assertThat(results).extracting(CaseResult::runCount).containsExactly(2, 2);
    }

    @Test
    void takesTheMeasuredRunsOfAGroupInTurn() {
        List<CaseResult> results = runner(2)
                .runAll(List.of(
                        new Recorded("alone", null, -1),
                        new Recorded("p", "peers", -1),
                        new Recorded("q", "peers", -1)));

        assertThat(calls)
                .containsExactly(
                        "alone setUp",
                        "alone warm-up",
                        "alone warm-up",
                        "alone run",
                        "alone run",
                        "alone tearDown",
                        "p setUp",
                        "p warm-up",
                        "p warm-up",
                        "q setUp",
                        "q warm-up",
                        "q warm-up",
                        "p run",
                        "q run",
                        "p run",
                        "q run",
                        "p tearDown",
                        "q tearDown");
        assertThat(results).extracting(result -> result.label("name")).containsExactly("alone", "p", "q");
        assertThat(results).extracting(CaseResult::runCount).containsExactly(2, 2, 2);
    }

    @Test
    void aCaseOfAGroupThatFailsStopsAloneAndIsReported() {
        List<CaseResult> results =
                runner(3).runAll(List.of(new Recorded("p", "peers", 2), new Recorded("q", "peers", -1)));

        assertThat(results.get(0).error()).contains("run 2 of p failed");
        assertThat(results.get(0).runCount()).isEqualTo(1);
        assertThat(results.get(1).error()).isNull();
        assertThat(results.get(1).runCount()).isEqualTo(3);
        assertThat(calls).containsSubsequence("p run", "q run", "p run", "q run", "q run", "p tearDown", "q tearDown");
        assertThat(calls.stream().filter("p run"::equals)).hasSize(2);
    }

    private Runner runner(int runs) {
        return new Runner(runs, new Progress(new PrintStream(OutputStream.nullOutputStream())));
    }

    /** A case that records each call; its measured run number {@code failingRun} throws (none when negative). */
    private final class Recorded implements Case {
        private final String name;
        private final String group;
        private final int failingRun;
        private int measuredRuns;

        Recorded(String name, String group, int failingRun) {
            this.name = name;
            this.group = group;
            this.failingRun = failingRun;
        }

        @Override
        public Table table() {
            return Table.PEERS;
        }

        @Override
        public LinkedHashMap<String, String> labels() {
            LinkedHashMap<String, String> labels = new LinkedHashMap<>();
            labels.put("name", name);
            return labels;
        }

        @Override
        public String warmUpKind() {
            return name;
        }

        @Override
        public String interleaveGroup() {
            return group;
        }

        @Override
        public void setUp() {
            calls.add(name + " setUp");
        }

        @Override
        public Metrics run(boolean warmUp) {
            calls.add(name + (warmUp ? " warm-up" : " run"));
            if (!warmUp && ++measuredRuns == failingRun) {
                throw new IllegalStateException("run " + failingRun + " of " + name + " failed");
            }
            return Metrics.of(Metric.JOBS_PER_SECOND, 1.0);
        }

        @Override
        public void tearDown() {
            calls.add(name + " tearDown");
        }
    }
}
