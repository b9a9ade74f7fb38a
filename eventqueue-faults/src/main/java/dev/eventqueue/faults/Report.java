package dev.eventqueue.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The results as a markdown table, printed and optionally written between two markers of a document. */
final class Report {

    static final String BEGIN = "<!-- faults:begin -->";
    static final String END = "<!-- faults:end -->";

    private Report() {}

    static String markdown(List<Outcome> outcomes, String command, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("Command: `").append(command).append("`  \n");
        out.append("Machine: ").append(machine).append("\n\n");
        out.append("| scenario | database | published | acknowledged | lost | duplicated (allowed) "
                + "| held by victim | time to recover (target) | throughput | vs baseline | dead tuples | result |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (Outcome o : outcomes) {
            List<String> misses = o.misses();
            out.append("| ")
                    .append(o.scenario())
                    .append(" | ")
                    .append(o.database())
                    .append(" | ")
                    .append(o.published())
                    .append(" | ")
                    .append(o.acknowledged())
                    .append(" | ")
                    .append(o.lost())
                    .append(" | ")
                    .append(o.duplicated())
                    .append(" (")
                    .append(o.allowedDuplicates())
                    .append(")")
                    .append(" | ")
                    .append(o.heldByVictim() == null ? "–" : o.heldByVictim().toString())
                    .append(" | ")
                    .append(recovery(o))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f/s", o.throughput()))
                    .append(" | ")
                    .append(Double.isNaN(o.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", o.ratio()))
                    .append(" | ")
                    .append(o.deadTuples() == null ? "–" : o.deadTuples().toString())
                    .append(" | ")
                    .append(misses.isEmpty() ? "met" : "**missed: " + String.join("; ", misses) + "**")
                    .append(" |\n");
        }
        out.append("\nWhat each run did:\n\n");
        for (Outcome o : outcomes) {
            out.append("- ")
                    .append(o.scenario())
                    .append(" (")
                    .append(o.database())
                    .append("): ")
                    .append(o.note())
                    .append("\n");
        }
        return out.toString();
    }

    private static String recovery(Outcome o) {
        if (o.recoverySeconds() == null) {
            return o.recoveryTargetSeconds() > 0 ? "none measured" : "–";
        }
        return String.format(Locale.ROOT, "%.1f s (%.0f s)", o.recoverySeconds(), o.recoveryTargetSeconds());
    }

    /** Replaces what stands between the markers of {@code document} by {@code table}. */
    static void writeInto(Path document, String table) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(
                    document + " has no " + BEGIN + " ... " + END + " section to write the table into");
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + text.substring(end);
        Files.writeString(document, updated, StandardCharsets.UTF_8);
    }
}
