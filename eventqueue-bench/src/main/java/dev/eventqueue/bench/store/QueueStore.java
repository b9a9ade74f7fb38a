package dev.eventqueue.bench.store;

import dev.eventqueue.queue.EventQueueRepository;

/**
 * Where one benchmark run keeps its queue: in memory or in a fresh table. Each dispatcher
 * ("node") gets its own repository from {@link #newNode()}; {@link #close()} drops what was made.
 */
public interface QueueStore extends AutoCloseable {

    String label();

    /** A repository for one more dispatcher; with a database, its own connection pool, like another node. */
    EventQueueRepository newNode();

    /** Whether no entry is pending or processing any more. */
    boolean settled();

    /** Closes the repositories and pools handed out by {@link #newNode()}; the queue itself stays. */
    default void closeNodes() {}

    @Override
    void close();
}
