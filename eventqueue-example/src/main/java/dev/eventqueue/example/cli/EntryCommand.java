package dev.eventqueue.example.cli;

import dev.eventqueue.EntryDetails;
import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.example.text.TextTable;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.queue.QueueEntry;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "entry",
        mixinStandardHelpOptions = true,
        description = {
            "Show one entry whole: its state, attempts and last error, its event as stored, its headers,",
            "the other entries of its event, and the audit trail of the event across all handlers."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:entry not found, database unreachable, table missing or an SQL error",
            "2:invalid command line (e.g. ENTRY_ID is not a UUID)"
        })
final class EntryCommand extends DatabaseCommand {

    private static final int ERROR_WIDTH = 60;

    @Parameters(
            index = "0",
            paramLabel = "ENTRY_ID",
            converter = UuidConverter.class,
            description = "The entry's id (a UUID), as 'entries' and 'failed' show it.")
    UUID entryId;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        session.requireAuditTable();
        EntryDetails details = session.operations()
                .entry(entryId)
                .orElseThrow(() -> new CliException(
                        ExitCodes.FAILURE,
                        "no entry " + entryId + " in " + session.queueName()
                                + " (completed entries are deleted after the retention period)"));
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("entry", EntryJson.entry(details.entry()));
            result.put("payload", details.payload());
            result.put("headers", details.headers());
            result.put(
                    "entries", details.siblings().stream().map(EntryJson::entry).toList());
            result.put("audit", details.audit().stream().map(EntryJson::audit).toList());
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        QueueEntry entry = details.entry();
        out().println("Entry " + entry.id() + " of event " + entry.eventId() + " (" + entry.eventType() + ")");
        field("status", entry.status().dbValue());
        field("handler", entry.handlerName());
        field("aggregate", entry.aggregateId());
        field("attempts", entry.attempts() + "/" + entry.maxAttempts());
        field("created", Texts.iso(entry.createdAt()));
        field("updated", Texts.iso(entry.updatedAt()));
        field("next retry", Texts.iso(entry.nextRetryAt()));
        field("user", entry.credentialsUserId());
        field("last error", entry.error());
        field("headers", details.headers().isEmpty() ? null : details.headers().toString());
        out().println();
        out().println("Payload:");
        out().println("  " + details.payload());
        out().println();
        out().println("Entries of this event (" + details.siblings().size() + "):");
        TextTable siblings = new TextTable()
                .column("ENTRY ID")
                .column("HANDLER")
                .column("STATUS")
                .numericColumn("ATTEMPTS");
        for (QueueEntry sibling : details.siblings()) {
            siblings.row(
                    sibling.id(),
                    sibling.handlerName(),
                    sibling.status().dbValue(),
                    sibling.attempts() + "/" + sibling.maxAttempts());
        }
        siblings.render("  ").forEach(out()::println);
        out().println();
        out().println("Audit trail of the event (" + details.audit().size() + " records, oldest first):");
        TextTable audit = new TextTable()
                .column("TIME")
                .column("HANDLER")
                .column("ACTION")
                .numericColumn("ATTEMPT")
                .column("ERROR", ERROR_WIDTH);
        for (AuditRecord record : details.audit()) {
            audit.row(
                    record.timestamp().truncatedTo(ChronoUnit.MILLIS),
                    record.handlerName() == null ? "-" : record.handlerName(),
                    record.action(),
                    record.attempt(),
                    Texts.shortError(record.error()));
        }
        audit.render("  ").forEach(out()::println);
        return ExitCodes.OK;
    }

    private void field(String name, String value) {
        out().printf("  %-11s %s%n", name, value == null ? "-" : value);
    }
}
