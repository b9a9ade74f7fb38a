package dev.eventqueue.dashboard;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.AuditRecord;
import java.util.List;
import java.util.UUID;

/**
 * The queue's audit log, recording the operator who acted as the user of each record of one
 * dashboard action, so that the trail says who retried or purged an entry.
 */
final class OperatorAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final String actor;

    OperatorAuditLog(AuditLog delegate, String actor) {
        this.delegate = delegate;
        this.actor = actor;
    }

    @Override
    public void record(AuditRecord record) {
        delegate.record(stamped(record));
    }

    @Override
    public void recordAll(List<AuditRecord> records) {
        delegate.recordAll(records.stream().map(this::stamped).toList());
    }

    @Override
    public List<AuditRecord> findByEventId(UUID eventId) {
        return delegate.findByEventId(eventId);
    }

    private AuditRecord stamped(AuditRecord record) {
        return new AuditRecord(
                record.timestamp(),
                record.eventId(),
                record.eventType(),
                record.handlerName(),
                record.action(),
                record.attempt(),
                actor,
                record.error());
    }
}
