package dev.eventqueue.nats;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.RepositoryContractSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Store tests on servers started once for the class: each test gets a store on buckets of its
 * own; {@link #stores} opens more nodes of the same queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NatsStoreTestSupport extends RepositoryContractSupport {

    protected TestStores stores;

    /** The servers and store settings of this class's tests. */
    protected abstract TestStores startStores();

    @BeforeAll
    final void startServers() {
        stores = startStores();
    }

    @AfterAll
    final void stopServers() {
        if (stores != null) {
            stores.close();
        }
    }

    @Override
    protected EventQueueRepository newRepository() {
        return stores.next();
    }
}
