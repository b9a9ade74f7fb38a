package dev.eventqueue;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.testing.AggregateOrderContract;

/** Per-aggregate order on the in-memory store. */
class InMemoryAggregateOrderContractTest extends AggregateOrderContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new InMemoryEventQueueRepository();
    }
}
