package dev.eventqueue.nats;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.DispatcherContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The dispatcher's behaviour on a 3-server cluster, buckets replicated 3 times that the test starts itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterDispatcherContractTest extends DispatcherContract {

    private TestStores stores;

    @BeforeAll
    void startServers() {
        stores = TestStores.cluster();
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
