package dev.eventqueue.bench.store;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.QueueCounts;

/** One in-memory queue shared by every dispatcher of a run. */
public final class InMemoryStore implements QueueStore {

    private final InMemoryEventQueueRepository repository = new InMemoryEventQueueRepository();

    @Override
    public String label() {
        return "in-memory";
    }

    @Override
    public EventQueueRepository newNode() {
        return repository;
    }

    @Override
    public boolean settled() {
        QueueCounts counts = repository.countByStatus();
        return counts.pending() == 0 && counts.processing() == 0;
    }

    @Override
    public void close() {}
}
