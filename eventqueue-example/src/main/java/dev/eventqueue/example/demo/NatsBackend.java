package dev.eventqueue.example.demo;

import dev.eventqueue.example.store.NatsSettings;
import dev.eventqueue.example.store.NatsStore;
import dev.eventqueue.nats.NatsEventQueueRepository;
import dev.eventqueue.queue.EventQueueRepository;

/**
 * The queue in NATS JetStream, which outlives the process; the attempts and the audit trail stay
 * in memory (the JetStream store keeps no audit trail, and the attempts are the application's data).
 */
final class NatsBackend extends InMemoryRecordsBackend {

    private final NatsSettings settings;
    private final NatsEventQueueRepository queue;

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
    public boolean isDurable() {
        return true;
    }

    @Override
    public void close() {
        queue.close();
    }
}
