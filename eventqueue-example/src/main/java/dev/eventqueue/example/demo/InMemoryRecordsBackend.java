package dev.eventqueue.example.demo;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.example.persistence.InMemoryAttemptRepository;

/**
 * A backend whose audit trail and attempts live in memory and end with the process; only where
 * the queue lives differs.
 */
abstract class InMemoryRecordsBackend implements DemoBackend {

    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();

    @Override
    public final AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public final AttemptRepository attempts(EventPublisher publisher) {
        return new InMemoryAttemptRepository(publisher);
    }
}
