package dev.eventqueue.nats;

import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.testdatabases.NatsTestServers;
import dev.eventqueue.testing.events.OrderPlacedEvent;
import dev.eventqueue.testing.events.SeatReservedEvent;
import io.nats.client.Connection;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stores of one test class on its own servers: every {@link #next()} is an empty store on
 * new buckets, and the previous store is closed and its buckets deleted. {@link #close()} stops
 * the servers, also when the class's tests failed.
 */
final class TestStores implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final NatsTestServers servers;
    private final int replicas;
    private final boolean keepCompletedEntries;
    private final Connection admin;
    private NatsEventQueueRepository current;

    TestStores(NatsTestServers servers, int replicas) {
        this(servers, replicas, true);
    }

    private TestStores(NatsTestServers servers, int replicas, boolean keepCompletedEntries) {
        this.servers = servers;
        this.replicas = replicas;
        this.keepCompletedEntries = keepCompletedEntries;
        try {
            this.admin = Nats.connect(new Options.Builder()
                    .servers(servers.url().split(","))
                    .maxReconnects(-1)
                    .build());
        } catch (Exception e) {
            servers.close();
            throw new IllegalStateException("Could not connect to the test servers at " + servers.url(), e);
        }
    }

    static TestStores singleServer() {
        return new TestStores(NatsTestServers.single(), 1);
    }

    /** Stores on one server whose completions delete their entries. */
    static TestStores singleServerDeletingCompleted() {
        return new TestStores(NatsTestServers.single(), 1, false);
    }

    static TestStores cluster() {
        return new TestStores(NatsTestServers.cluster(), 3);
    }

    NatsTestServers servers() {
        return servers;
    }

    NatsEventQueueRepository next() {
        dropCurrent();
        current = open("t" + COUNTER.incrementAndGet());
        return current;
    }

    /** Another store on the same buckets as the current one: a second node of the same queue. */
    NatsEventQueueRepository sameQueue() {
        return open(current.bucketPrefix());
    }

    /**
     * A second node of the current store's queue, attached as a dispatcher would attach it, with
     * the event types of the repository contract's entries, so that it can read what it claims.
     */
    NatsEventQueueRepository secondNode() {
        EventTypeRegistry types = new EventTypeRegistry();
        types.register(OrderPlacedEvent.TYPE, OrderPlacedEvent.class);
        types.register(SeatReservedEvent.class);
        NatsEventQueueRepository node = sameQueue();
        node.attach(new RepositoryContext(types, 1_048_576));
        return node;
    }

    NatsEventQueueRepository open(String prefix) {
        return NatsEventQueueRepository.builder(servers.url())
                .bucketPrefix(prefix)
                .replicas(replicas)
                .keepCompletedEntries(keepCompletedEntries)
                .build();
    }

    private void dropCurrent() {
        if (current == null) {
            return;
        }
        String prefix = current.bucketPrefix();
        current.close();
        current = null;
        try {
            KeyValueManagement management = admin.keyValueManagement();
            management.delete(prefix + "_entries");
            management.delete(prefix + "_nodes");
        } catch (Exception e) {
            throw new IllegalStateException("Could not delete the buckets of " + prefix, e);
        }
    }

    @Override
    public void close() {
        try {
            if (current != null) {
                current.close();
            }
            admin.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            servers.close();
        }
    }
}
