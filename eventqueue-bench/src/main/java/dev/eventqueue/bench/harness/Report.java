package dev.eventqueue.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** Renders results as markdown tables: medians, the spread of runs, and ratios to the raw reference. */
public final class Report {

    private final List<CaseResult> results;

    public Report(List<CaseResult> results) {
        this.results = results;
    }

    public String tables() {
        StringBuilder text = new StringBuilder();
        for (Table table : Table.values()) {
            List<CaseResult> rows =
                    results.stream().filter(r -> r.table() == table).toList();
            if (!rows.isEmpty()) {
                text.append("#### ")
                        .append(table.title())
                        .append("\n\n")
                        .append(capitalized(table.what()))
                        .append(". Medians of the measured runs; the range is the slowest and fastest run.\n\n");
                appendTable(text, table, rows);
                text.append('\n');
            }
        }
        return text.toString();
    }

    private void appendTable(StringBuilder text, Table table, List<CaseResult> rows) {
        Set<String> labelColumns = new LinkedHashSet<>();
        rows.forEach(row -> labelColumns.addAll(row.labels().keySet()));
        List<String> header = new ArrayList<>(labelColumns);
        for (Metric metric : table.metrics()) {
            header.add(metric.header());
        }
        Metric ranged = table.metrics().get(0);
        header.add("range of " + ranged.header());
        boolean ratio =
                table == Table.THROUGHPUT || table == Table.BACKLOG || table == Table.PUBLISH || table == Table.PEERS;
        if (ratio) {
            header.add(
                    switch (table) {
                        case BACKLOG -> "full / empty";
                        case PUBLISH -> "% of raw inserts | % of raw COPY";
                        case PEERS ->
                            String.join(
                                    " | ",
                                    RowLabels.eventQueuePeers().stream()
                                            .map(system -> system + " / this")
                                            .toList());
                        default -> "% of raw";
                    });
        }
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        // A header cell may hold two columns ("a | b") when a ratio is shown against two references.
        int columns = header.stream().mapToInt(h -> h.split(" \\| ", -1).length).sum();
        text.append("|").append("---|".repeat(columns)).append('\n');
        for (CaseResult row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : labelColumns) {
                cells.add(row.labels().getOrDefault(column, ""));
            }
            if (row.error() != null) {
                cells.add("failed: " + row.error().replace('|', '/'));
                text.append("| ").append(String.join(" | ", cells)).append(" |\n");
                continue;
            }
            for (Metric metric : table.metrics()) {
                Double median = row.median(metric);
                cells.add(median == null ? "" : metric.format(median));
            }
            double[] values = row.values(ranged);
            cells.add(
                    values.length == 0
                            ? ""
                            : ranged.format(Arrays.stream(values).min().orElse(0)) + " – "
                                    + ranged.format(Arrays.stream(values).max().orElse(0)));
            if (ratio) {
                cells.add(
                        switch (table) {
                            case BACKLOG -> backlogRatio(row);
                            case PUBLISH ->
                                percentOf(row, rawMetric(row, Metric.INSERTS_PER_SECOND))
                                        + " | "
                                        + percentOf(row, rawMetric(row, Metric.COPY_ROWS_PER_SECOND));
                            case PEERS ->
                                String.join(
                                        " | ",
                                        RowLabels.eventQueuePeers().stream()
                                                .map(system -> peerRatio(row, system))
                                                .toList());
                            default -> percentOf(row, rawMetric(row, Metric.ENTRIES_PER_SECOND));
                        });
            }
            text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
    }

    private static String percentOf(CaseResult row, Double raw) {
        Double median = row.median(Metric.ENTRIES_PER_SECOND);
        return raw == null || median == null ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * median / raw);
    }

    /** The median jobs/s of eventqueue's row {@code system} over this row's, both from this run. */
    private String peerRatio(CaseResult row, String system) {
        Double ours = find(Table.PEERS, r -> r.label("system").equals(system))
                .map(r -> r.median(Metric.JOBS_PER_SECOND))
                .orElse(null);
        Double theirs = row.median(Metric.JOBS_PER_SECOND);
        return ours == null || theirs == null ? "" : String.format(Locale.ROOT, "%.2f×", ours / theirs);
    }

    private static String backlogRatio(CaseResult row) {
        Double empty = row.median(Metric.EMPTY_ENTRIES_PER_SECOND);
        Double full = row.median(Metric.ENTRIES_PER_SECOND);
        return empty == null || full == null ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * full / empty);
    }

    /** The raw reference's median entries/s for a database, by its label, if it was measured. */
    public Double rawReference(String database) {
        return rawMetric(database, Metric.ENTRIES_PER_SECOND);
    }

    /** A metric of the raw reference the row names, if it names one and it was measured. */
    private Double rawMetric(CaseResult row, Metric metric) {
        return row.rawReference() == null ? null : rawMetric(row.rawReference(), metric);
    }

    private Double rawMetric(String database, Metric metric) {
        return find(Table.RAW, r -> database.equals(r.label("store")))
                .map(r -> r.median(metric))
                .orElse(null);
    }

    public java.util.Optional<CaseResult> find(Table table, Predicate<CaseResult> filter) {
        return results.stream()
                .filter(r -> r.table() == table && r.error() == null && r.runCount() > 0)
                .filter(filter)
                .findFirst();
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
