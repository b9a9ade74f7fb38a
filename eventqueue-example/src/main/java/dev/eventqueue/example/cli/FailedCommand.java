package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.text.TextTable;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.queue.QueueEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "failed",
        mixinStandardHelpOptions = true,
        description = "List failed entries, oldest first: id, event, handler, attempts, last error.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when there are none)",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line"
        })
final class FailedCommand extends DatabaseCommand {

    private static final int ERROR_WIDTH = 70;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show at most N entries (default: ${DEFAULT-VALUE}).")
    void setLimit(int limit) {
        this.limit = Limits.positive(spec, "--limit", limit);
    }

    private int limit;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        List<QueueEntry> failed = session.dispatcher().getFailedEntries(limit);
        long total = session.dispatcher().getStats().failed();
        if (json()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            failed.forEach(entry -> entries.add(EntryJson.entry(entry)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.queueName());
            result.put("totalFailed", total);
            result.put("entries", entries);
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        if (failed.isEmpty()) {
            out().println("No failed entries in " + session.queueName() + ".");
            return ExitCodes.OK;
        }
        TextTable table = new TextTable()
                .column("ENTRY ID")
                .column("EVENT ID")
                .column("EVENT TYPE")
                .column("HANDLER")
                .numericColumn("ATTEMPTS")
                .column("FAILED AT")
                .column("LAST ERROR", ERROR_WIDTH);
        for (QueueEntry entry : failed) {
            table.row(
                    entry.id(),
                    entry.eventId(),
                    entry.eventType(),
                    entry.handlerName(),
                    entry.attempts() + "/" + entry.maxAttempts(),
                    Texts.instant(entry.updatedAt()),
                    Texts.shortError(entry.error()));
        }
        table.render("").forEach(out()::println);
        out().println(failed.size() + " of " + total + " failed entries shown"
                + (total > failed.size() ? " (raise --limit to see more)" : "") + ".");
        return ExitCodes.OK;
    }
}
