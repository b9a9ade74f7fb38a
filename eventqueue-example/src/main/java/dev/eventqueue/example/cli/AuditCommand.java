package dev.eventqueue.example.cli;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.example.text.TextTable;
import dev.eventqueue.example.text.Texts;
import dev.eventqueue.queue.QueueEntry;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Show the whole trail of one event: its entries and every audit record.",
            "Entries: one per handler, as they are now. Audit records: published, started, completed,",
            "retry scheduled, failed, retried by hand, cleaned up; oldest first."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:event not found, database unreachable, table missing or an SQL error",
            "2:invalid command line (e.g. EVENT_ID is not a UUID)"
        })
final class AuditCommand extends DatabaseCommand {

    private static final int ERROR_WIDTH = 60;

    @Parameters(
            index = "0",
            paramLabel = "EVENT_ID",
            converter = UuidConverter.class,
            description = "The event's id (a UUID), e.g. from 'failed'.")
    UUID eventId;

    @Override
    int run(AdminSession session, EventQueueConfig config) {
        session.requireAuditTable();
        List<QueueEntry> entries = session.dispatcher().getRepository().findByEventId(eventId);
        List<AuditRecord> trail = session.dispatcher().getAuditLog().findByEventId(eventId);
        if (entries.isEmpty() && trail.isEmpty()) {
            throw new CliException(
                    ExitCodes.FAILURE,
                    "no queue entries or audit records for event " + eventId + " in "
                            + session.queueName() + " / "
                            + session.auditTable());
        }
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("eventId", eventId.toString());
            result.put("entries", entries.stream().map(EntryJson::entry).toList());
            List<Map<String, Object>> records = new ArrayList<>();
            trail.forEach(record -> records.add(EntryJson.audit(record)));
            result.put("audit", records);
            JsonOutput.print(out(), result);
            return ExitCodes.OK;
        }
        String type =
                !entries.isEmpty() ? entries.get(0).eventType() : trail.get(0).eventType();
        String aggregate = entries.isEmpty() || entries.get(0).aggregateId() == null
                ? ""
                : " of aggregate " + entries.get(0).aggregateId();
        out().println("Event " + eventId + " (" + type + ")" + aggregate);
        out().println();
        out().println("Queue entries (" + entries.size() + "):");
        TextTable current = new TextTable()
                .column("HANDLER")
                .column("STATUS")
                .numericColumn("ATTEMPTS")
                .column("UPDATED")
                .column("LAST ERROR", ERROR_WIDTH);
        for (QueueEntry entry : entries) {
            current.row(
                    entry.handlerName(),
                    entry.status().name().toLowerCase(java.util.Locale.ROOT),
                    entry.attempts() + "/" + entry.maxAttempts(),
                    Texts.instant(entry.updatedAt()),
                    Texts.shortError(entry.error()));
        }
        current.render("  ").forEach(out()::println);
        out().println();
        out().println("Audit trail (" + trail.size() + " records, oldest first):");
        TextTable records = new TextTable()
                .column("TIME")
                .column("HANDLER")
                .column("ACTION")
                .numericColumn("ATTEMPT")
                .column("USER")
                .column("ERROR", ERROR_WIDTH);
        for (AuditRecord record : trail) {
            records.row(
                    record.timestamp().truncatedTo(ChronoUnit.MILLIS),
                    record.handlerName() == null ? "-" : record.handlerName(),
                    record.action(),
                    record.attempt(),
                    record.userId(),
                    Texts.shortError(record.error()));
        }
        records.render("  ").forEach(out()::println);
        return ExitCodes.OK;
    }
}
