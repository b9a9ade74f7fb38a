package dev.eventqueue.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/** The runs of one case, or why it could not run. */
public final class CaseResult {

    private final Table table;
    private final LinkedHashMap<String, String> labels;
    private final String rawReference;
    private final List<Metrics> runs = new ArrayList<>();
    private String error;

    CaseResult(Case measured) {
        this.table = measured.table();
        this.labels = measured.labels();
        this.rawReference = measured.rawReference();
    }

    void add(Metrics metrics) {
        runs.add(metrics);
    }

    void fail(String error) {
        this.error = error;
    }

    public Table table() {
        return table;
    }

    public LinkedHashMap<String, String> labels() {
        return labels;
    }

    public String label(String column) {
        return labels.get(column);
    }

    /** See {@link Case#rawReference()}. */
    public String rawReference() {
        return rawReference;
    }

    public String error() {
        return error;
    }

    public int runCount() {
        return runs.size();
    }

    /** The median over runs, or {@code null} when no run measured it. */
    public Double median(Metric metric) {
        double[] values = values(metric);
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    public double[] values(Metric metric) {
        return runs.stream()
                .map(run -> run.get(metric))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .toArray();
    }
}
