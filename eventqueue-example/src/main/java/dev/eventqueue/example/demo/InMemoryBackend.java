package dev.eventqueue.example.demo;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.example.persistence.InMemoryAttemptRepository;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;

/** USE_DATABASE_EVENT_QUEUE=false: everything lives and dies with the process. */
final class InMemoryBackend implements DemoBackend {

    private final InMemoryEventQueueRepository queue = new InMemoryEventQueueRepository();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();

    @Override
    public String description() {
        return "in memory (USE_DATABASE_EVENT_QUEUE=false)";
    }

    @Override
    public EventQueueRepository queueRepository() {
        return queue;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public AttemptRepository attempts(EventPublisher publisher) {
        return new InMemoryAttemptRepository(publisher);
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public void close() {}
}
