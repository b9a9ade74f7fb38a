package dev.eventqueue.queue;

import dev.eventqueue.testing.EventQueueRepositoryContract;

/** The repository contract, run against the in-memory store. */
class InMemoryEventQueueRepositoryTest extends EventQueueRepositoryContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new InMemoryEventQueueRepository();
    }
}
