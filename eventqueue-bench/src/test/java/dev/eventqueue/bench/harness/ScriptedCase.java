package dev.eventqueue.bench.harness;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A case of the tests that reports scripted figures, one per measured run, and runs them. */
public final class ScriptedCase implements Case {

    private final Table table;
    private final LinkedHashMap<String, String> labels;
    private final Map<Metric, double[]> figures = new EnumMap<>(Metric.class);
    private String rawReference;
    private int run;

    /** {@code labels}: name, value, name, value, ... */
    ScriptedCase(Table table, Metric metric, double[] figures, String... labels) {
        this.table = table;
        this.figures.put(metric, figures);
        this.labels = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            this.labels.put(labels[i], labels[i + 1]);
        }
    }

    private ScriptedCase(Case real) {
        this.table = real.table();
        this.labels = real.labels();
        this.rawReference = real.rawReference();
    }

    /** A row of {@code real}'s table with its labels, which reports the figures added with {@link #reports}. */
    public static ScriptedCase like(Case real) {
        return new ScriptedCase(real);
    }

    /** Adds a metric's figures, one per measured run. */
    public ScriptedCase reports(Metric metric, double... perRun) {
        figures.put(metric, perRun);
        return this;
    }

    /** Shows the row against the raw reference row of store {@code store}. */
    ScriptedCase against(String store) {
        rawReference = store;
        return this;
    }

    @Override
    public String rawReference() {
        return rawReference;
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
        Metrics metrics = new Metrics();
        figures.forEach((metric, perRun) -> metrics.with(metric, warmUp ? -1 : perRun[run]));
        if (!warmUp) {
            run++;
        }
        return metrics;
    }

    /** Runs the cases as the benchmark does, three measured runs each, without progress output. */
    public static List<CaseResult> runAll(Case... cases) {
        return runAll(List.of(cases));
    }

    /** Runs the cases as the benchmark does, three measured runs each, without progress output. */
    public static List<CaseResult> runAll(List<? extends Case> cases) {
        return new Runner(3, new Progress(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .runAll(cases);
    }
}
