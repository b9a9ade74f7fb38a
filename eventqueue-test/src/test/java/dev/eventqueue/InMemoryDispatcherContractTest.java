package dev.eventqueue;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;

/** The dispatcher's behaviour on the in-memory store. */
class InMemoryDispatcherContractTest extends DispatcherContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new InMemoryEventQueueRepository();
    }

    @Override
    protected boolean keepsCompletedEntries() {
        return false;
    }
}
