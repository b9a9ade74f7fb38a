package dev.eventqueue.bench.harness;

import java.util.LinkedHashMap;
import java.util.List;

/** A case of the tests that reports scripted figures of one metric, one per measured run, and runs them. */
final class ScriptedCase implements Case {

    private final Table table;
    private final LinkedHashMap<String, String> labels;
    private final Metric metric;
    private final double[] figures;
    private int run;

    /** {@code labels}: name, value, name, value, ... */
    ScriptedCase(Table table, Metric metric, double[] figures, String... labels) {
        this.table = table;
        this.metric = metric;
        this.figures = figures;
        this.labels = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            this.labels.put(labels[i], labels[i + 1]);
        }
    }

    @Override
    public Table table() {
        return table;
    }

    @Override
    public LinkedHashMap<String, String> labels() {
        return labels;
    }

    @Override
    public Metrics run(boolean warmUp) {
        return Metrics.of(metric, warmUp ? -1 : figures[run++]);
    }

    /** Runs the cases as the benchmark does, three measured runs each, without progress output. */
    static List<CaseResult> runAll(Case... cases) {
        return new Runner(3, new Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .runAll(List.of(cases));
    }
}
