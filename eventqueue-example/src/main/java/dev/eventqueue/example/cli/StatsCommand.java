package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.Orphans;
import dev.eventqueue.QueueStats;
import dev.eventqueue.example.text.TextTable;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Count the queue's entries by status: pending, processing, completed, failed.",
            "Also counts orphans: pending entries whose handler no running dispatcher has, per handler."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:database unreachable, table missing or an SQL error", "2:invalid command line"})
final class StatsCommand extends DatabaseCommand {

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        QueueStats stats = session.dispatcher().getStats();
        Orphans orphans = orphans(session);
        long total = stats.pending() + stats.processing() + stats.completed() + stats.failed();
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.queueName());
            result.put("pending", stats.pending());
            result.put("processing", stats.processing());
            result.put("completed", stats.completed());
            result.put("failed", stats.failed());
            result.put("total", total);
            Map<String, Object> orphaned = new LinkedHashMap<>();
            orphaned.put("runningNodes", orphans == null ? null : orphans.runningNodes());
            orphaned.put("known", orphans != null && orphans.known());
            orphaned.put("total", orphans == null ? null : orphans.total());
            orphaned.put("byHandler", orphans == null ? Map.of() : orphans.byHandler());
            result.put("orphans", orphaned);
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        out().println("Queue " + session.queueName() + " in " + session.location());
        TextTable table = new TextTable()
                .column("STATUS")
                .numericColumn("ENTRIES")
                .row("pending", stats.pending())
                .row("processing", stats.processing())
                .row("completed", stats.completed())
                .row("failed", stats.failed())
                .row("total", total);
        table.render("").forEach(out()::println);
        if (orphans == null) {
            out().println("Orphans: unknown (this table has no record of running dispatchers; create the schema "
                    + "again to add it).");
        } else if (!orphans.known()) {
            out().println("Orphans: unknown while no dispatcher runs (every pending entry waits for the next start).");
        } else if (orphans.total() == 0) {
            out().println("Orphans: none (" + orphans.runningNodes() + " running "
                    + (orphans.runningNodes() == 1 ? "dispatcher" : "dispatchers") + ").");
        } else {
            out().println("Orphans: " + orphans.total() + " pending entries of handlers no running dispatcher has:");
            orphans.byHandler().forEach((handler, count) -> out().println("  " + handler + "  " + count));
        }
        return ExitCodes.OK;
    }

    /** The orphans, or {@code null} when the store cannot tell (a table made before nodes were recorded). */
    private static Orphans orphans(AdminSession session) {
        try {
            return session.operations().orphans();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
