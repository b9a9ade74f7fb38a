package dev.eventqueue.example.demo;

import dev.eventqueue.audit.AuditLog;
import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.domain.EventPublisher;
import dev.eventqueue.example.persistence.AttemptRepository;
import dev.eventqueue.example.persistence.InMemoryAttemptRepository;
import dev.eventqueue.example.store.NatsSettings;
import dev.eventqueue.example.store.NatsStore;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;

/**
 * The queue in NATS JetStream, which outlives the process; the attempts and the audit trail stay
 * in memory (the JetStream store keeps no audit trail, and the attempts are the application's data).
 */
final class NatsBackend implements DemoBackend {

    private final NatsSettings settings;
    private final NatsEventQueueRepository queue;
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();

    private NatsBackend(NatsSettings settings, NatsEventQueueRepository queue) {
        this.settings = settings;
        this.queue = queue;
    }

    /** Connects, and creates the store's buckets when missing. */
    static NatsBackend open(NatsSettings settings) {
        return new NatsBackend(settings, NatsStore.open(settings));
    }

    @Override
    public String description() {
        return "NATS JetStream " + settings.maskedUrl() + " (buckets " + settings.bucketPrefix() + "_entries, "
                + settings.bucketPrefix() + "_nodes; attempts and audit trail in memory)";
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
        return true;
    }

    @Override
    public void close() {
        queue.close();
    }
}
