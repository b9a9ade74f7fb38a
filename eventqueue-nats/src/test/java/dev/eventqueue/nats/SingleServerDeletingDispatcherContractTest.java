package dev.eventqueue.nats;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The dispatcher's behaviour on one server with stores whose completions delete their entries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleServerDeletingDispatcherContractTest extends DispatcherContract {

    private TestStores stores;

    @BeforeAll
    void startServers() {
        stores = TestStores.singleServerDeletingCompleted();
    }

    @Override
    protected EventQueueRepository newRepository() {
        return stores.next();
    }

    @Override
    protected boolean keepsCompletedEntries() {
        return false;
    }

    @Override
    protected boolean countsCompletedEntries() {
        return false;
    }

    @AfterAll
    void stopServers() {
        if (stores != null) {
            stores.close();
        }
    }
}
