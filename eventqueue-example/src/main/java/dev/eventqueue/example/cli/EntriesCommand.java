package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.example.text.TextTable;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.queue.EntryPage;
import dev.eventqueue.queue.QueueEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "entries",
        mixinStandardHelpOptions = true,
        description = {
            "List the queue's entries that match the filters, oldest created first, one page at a time.",
            "Without filters it lists every entry the table holds."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (also when none match)",
            "1:database unreachable, table missing or an SQL error",
            "2:invalid command line"
        })
final class EntriesCommand extends DatabaseCommand {

    private static final int ERROR_WIDTH = 60;

    @Mixin
    FilterOptions filters;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show at most N entries (default: ${DEFAULT-VALUE}).")
    void setLimit(int limit) {
        this.limit = Limits.positive(spec, "--limit", limit);
    }

    @Option(
            names = "--offset",
            paramLabel = "N",
            defaultValue = "0",
            description = "Skip the first N matching entries, to see the next page (default: ${DEFAULT-VALUE}).")
    void setOffset(int offset) {
        this.offset = Limits.notNegative(spec, "--offset", offset);
    }

    private int limit;
    private int offset;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        EntryPage page = session.operations().entries(filters.filter(), offset, limit);
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("table", session.queueName());
            result.put("filter", filters.describe());
            result.put("total", page.total());
            result.put("offset", page.offset());
            result.put("limit", page.limit());
            result.put("nextOffset", page.hasMore() ? page.nextOffset() : null);
            result.put("entries", page.entries().stream().map(EntryJson::entry).toList());
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        if (page.entries().isEmpty()) {
            out().println("No entries match in " + session.queueName()
                    + (page.total() > 0 ? " at offset " + offset + " (" + page.total() + " match in all)" : "") + ".");
            return ExitCodes.OK;
        }
        TextTable table = new TextTable()
                .column("ENTRY ID")
                .column("STATUS")
                .column("EVENT TYPE")
                .column("HANDLER")
                .numericColumn("ATTEMPTS")
                .column("UPDATED")
                .column("LAST ERROR", ERROR_WIDTH);
        for (QueueEntry entry : page.entries()) {
            table.row(
                    entry.id(),
                    entry.status().dbValue(),
                    entry.eventType(),
                    entry.handlerName(),
                    entry.attempts() + "/" + entry.maxAttempts(),
                    Texts.instant(entry.updatedAt()),
                    Texts.shortError(entry.error()));
        }
        table.render("").forEach(out()::println);
        out().println("Entries " + (offset + 1) + "-" + (offset + page.entries().size()) + " of " + page.total()
                + (page.hasMore() ? " (next page: --offset " + page.nextOffset() + ")" : "") + ".");
        return ExitCodes.OK;
    }
}
