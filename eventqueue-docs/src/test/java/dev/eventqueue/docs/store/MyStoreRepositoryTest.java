package dev.eventqueue.docs.store;

// tag::store-repository-contract[]
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.EventQueueRepositoryContract;

class MyStoreRepositoryTest extends EventQueueRepositoryContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new MyStore(); // a new, empty store for every test
    }
}
// end::store-repository-contract[]
