package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.QueueStats;
import dev.eventqueue.example.text.TextTable;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Count the queue's entries by status: pending, processing, completed, failed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:database unreachable, table missing or an SQL error", "2:invalid command line"})
final class StatsCommand extends DatabaseCommand {

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        QueueStats stats = session.dispatcher().getStats();
        long total = stats.pending() + stats.processing() + stats.completed() + stats.failed();
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.settings().queueTable());
            result.put("pending", stats.pending());
            result.put("processing", stats.processing());
            result.put("completed", stats.completed());
            result.put("failed", stats.failed());
            result.put("total", total);
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        out().println("Queue " + session.settings().queueTable() + " in "
                + session.settings().maskedUrl());
        TextTable table = new TextTable()
                .column("STATUS")
                .numericColumn("ENTRIES")
                .row("pending", stats.pending())
                .row("processing", stats.processing())
                .row("completed", stats.completed())
                .row("failed", stats.failed())
                .row("total", total);
        table.render("").forEach(out()::println);
        return ExitCodes.OK;
    }
}
