package dev.eventqueue.spring.tx;

import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import java.util.List;

/**
 * Gives a store that cannot join Spring transactions (the in-memory one) the same visible
 * behaviour as the JDBC store inside one: entries published in a transaction are enqueued only
 * when it commits, and not at all when it rolls back, so no handler runs against data that was
 * never committed. Outside a transaction every call goes straight to the store.
 *
 * <p>{@link #enqueue} inside a transaction returns the number of entries it will enqueue at
 * commit (duplicates are still skipped then).
 */
public final class TransactionAwareEnqueueRepository extends ForwardingEventQueueRepository {

    public TransactionAwareEnqueueRepository(EventQueueRepository delegate) {
        super(delegate);
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        if (!AfterCommit.inTransaction()) {
            return getDelegate().enqueue(entries);
        }
        List<NewQueueEntry> deferred = List.copyOf(entries);
        AfterCommit.run(() -> getDelegate().enqueue(deferred));
        return deferred.size();
    }

    @Override
    public void afterEnqueueVisible(Runnable action) {
        // Registered after the deferred enqueue of the same publish, so it runs after it.
        AfterCommit.run(action);
    }
}
