package dev.eventqueue.nats;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The dispatcher's behaviour on one server that the test starts itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleServerDispatcherContractTest extends DispatcherContract {

    private TestStores stores;

    @BeforeAll
    void startServers() {
        stores = TestStores.singleServer();
    }

    @Override
    protected EventQueueRepository newRepository() {
        return stores.next();
    }

    @AfterAll
    void stopServers() {
        if (stores != null) {
            stores.close();
        }
    }
}
