package dev.eventqueue.example.demo;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;

/** USE_DATABASE_EVENT_QUEUE=false: everything lives and dies with the process. */
final class InMemoryBackend extends InMemoryRecordsBackend {

    private final InMemoryEventQueueRepository queue = new InMemoryEventQueueRepository();

    @Override
    public String description() {
        return "in memory (USE_DATABASE_EVENT_QUEUE=false)";
    }

    @Override
    public EventQueueRepository queueRepository() {
        return queue;
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public void close() {}
}
