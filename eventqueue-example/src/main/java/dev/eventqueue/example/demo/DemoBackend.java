package dev.eventqueue.example.demo;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.queue.EventQueueRepository;

/** Where a demo run keeps its queue, audit trail and attempts: in memory or in a database. */
interface DemoBackend extends AutoCloseable {

    /** For the run's header, e.g. "in memory" or "H2 jdbc:h2:./data/..." (never a password). */
    String description();

    EventQueueRepository queueRepository();

    AuditLog auditLog();

    /** The attempt store, publishing through {@code publisher} in the same unit of work. */
    AttemptRepository attempts(EventPublisher publisher);

    /** Whether the queue outlives the process, so the CLI can look at it afterwards. */
    boolean isDurable();

    @Override
    void close();
}
