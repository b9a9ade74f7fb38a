package dev.eventqueue.nats;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.testing.AggregateOrderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Per-aggregate order across dispatchers on a 3-server cluster, buckets replicated 3 times, that
 * the test starts itself. Known to fail now and then on nats-server 2.9.10 clusters: a step
 * starts a second time after the lease of a held entry was recovered (the cause is not yet
 * established; see docs/SCALING.md); so it runs only when asked:
 * {@code -Deventqueue.nats.known-failures=true}.
 */
@EnabledIfSystemProperty(named = "eventqueue.nats.known-failures", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAggregateOrderContractTest extends AggregateOrderContract {

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
