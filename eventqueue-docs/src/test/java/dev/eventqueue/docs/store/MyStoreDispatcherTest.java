package dev.eventqueue.docs.store;

// tag::store-dispatcher-contract[]
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;

class MyStoreDispatcherTest extends DispatcherContract {

    @Override
    protected EventQueueRepository newRepository() {
        return new MyStore();
    }

    @Override
    protected boolean keepsCompletedEntries() {
        return false; // this store forgets completed entries at once, as the in-memory one does
    }
}
// end::store-dispatcher-contract[]
