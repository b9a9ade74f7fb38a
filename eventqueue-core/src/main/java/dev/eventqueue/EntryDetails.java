package dev.eventqueue;

import dev.eventqueue.audit.AuditRecord;
import dev.eventqueue.queue.QueueEntry;
import java.util.List;
import java.util.Map;

/**
 * One entry whole, for an operator: its state, its event as stored, its headers, the other
 * entries of its event (one per handler), and the audit trail of the event across all handlers.
 *
 * @param entry   the entry (status, attempts, last error, times)
 * @param payload the event as stored (JSON in a database; in memory, the event's {@code toString()})
 * @param headers the entry's headers
 * @param siblings every entry of the same event the store still has, this one included, oldest first
 * @param audit   the event's audit records, oldest first
 */
public record EntryDetails(
        QueueEntry entry,
        String payload,
        Map<String, String> headers,
        List<QueueEntry> siblings,
        List<AuditRecord> audit) {

    public EntryDetails {
        headers = Map.copyOf(headers);
        siblings = List.copyOf(siblings);
        audit = List.copyOf(audit);
    }
}
