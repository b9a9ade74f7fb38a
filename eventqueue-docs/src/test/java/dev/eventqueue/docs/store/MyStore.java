package dev.eventqueue.docs.store;

import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;

/** Stands in for a user's own store in docs/testing-your-store.md: it decorates the in-memory one. */
final class MyStore extends ForwardingEventQueueRepository {

    MyStore() {
        super(new InMemoryEventQueueRepository());
    }
}
