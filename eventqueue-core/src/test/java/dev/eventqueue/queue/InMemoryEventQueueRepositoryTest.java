package dev.eventqueue.queue;

/** The repository contract, run against the in-memory store. */
class InMemoryEventQueueRepositoryTest extends EventQueueRepositoryContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new InMemoryEventQueueRepository();
    }
}
