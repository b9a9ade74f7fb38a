package dev.eventqueue.queue;

import dev.eventqueue.handler.EventHandler;
import java.time.Instant;

/**
 * A store capability: running a handler's call inside a transaction of the store's own and
 * completing the entry in that same transaction, so that the handler's writes to the store's
 * database and the entry's completion commit together or not at all. A store that offers it
 * implements this interface beside {@link EventQueueRepository}; the dispatcher then lets it run
 * the calls of the handlers it {@linkplain #runsInTransaction accepts}.
 */
public interface TransactionalCompletion {

    /** A handler call to run inside the transaction; throws to fail the attempt. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** Whether this store runs {@code handler}'s calls inside its transactions. */
    boolean runsInTransaction(EventHandler<?> handler);

    /**
     * Opens a transaction, runs {@code call} on the calling thread inside it, then marks the entry
     * {@code completed} in the same transaction, fenced by {@code claim}, and commits.
     *
     * @return {@code true} when it committed; {@code false} when the claim was no longer held
     *     (lease lost, entry recovered or claimed again): then everything the call wrote was rolled back
     * @throws Exception what the call threw, or the store's failure; the transaction was rolled back
     */
    boolean callAndComplete(ClaimRef claim, Instant now, Call call) throws Exception;
}
