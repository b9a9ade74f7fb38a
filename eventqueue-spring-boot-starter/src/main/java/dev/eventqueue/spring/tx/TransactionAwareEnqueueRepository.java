package dev.eventqueue.spring.tx;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.WakeUpSubscription;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Gives a store that cannot join Spring transactions (the in-memory one) the same visible
 * behaviour as the JDBC store inside one: entries published in a transaction are enqueued only
 * when it commits, and not at all when it rolls back, so no handler runs against data that was
 * never committed. Outside a transaction every call goes straight to the store.
 *
 * <p>{@link #enqueue} inside a transaction returns the number of entries it will enqueue at
 * commit (duplicates are still skipped then).
 */
public final class TransactionAwareEnqueueRepository implements EventQueueRepository {

    private final EventQueueRepository delegate;

    public TransactionAwareEnqueueRepository(EventQueueRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    public EventQueueRepository getDelegate() {
        return delegate;
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        if (!AfterCommit.inTransaction()) {
            return delegate.enqueue(entries);
        }
        List<NewQueueEntry> deferred = List.copyOf(entries);
        AfterCommit.run(() -> delegate.enqueue(deferred));
        return deferred.size();
    }

    @Override
    public void afterEnqueueVisible(Runnable action) {
        // Registered after the deferred enqueue of the same publish, so it runs after it.
        AfterCommit.run(action);
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        return delegate.claim(request);
    }

    @Override
    public int complete(Collection<UUID> entryIds, String owner, Instant now) {
        return delegate.complete(entryIds, owner, now);
    }

    @Override
    public boolean reschedule(UUID entryId, String owner, Instant nextRetryAt, String error, Instant now) {
        return delegate.reschedule(entryId, owner, nextRetryAt, error, now);
    }

    @Override
    public boolean fail(UUID entryId, String owner, String error, Instant now) {
        return delegate.fail(entryId, owner, error, now);
    }

    @Override
    public int release(Collection<UUID> entryIds, String owner, Instant now) {
        return delegate.release(entryIds, owner, now);
    }

    @Override
    public int extendLeases(String owner, Instant leaseUntil, Instant now) {
        return delegate.extendLeases(owner, leaseUntil, now);
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        return delegate.releaseExpiredLeases(now);
    }

    @Override
    public QueueCounts countByStatus() {
        return delegate.countByStatus();
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        return delegate.oldestDueSince(now);
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        return delegate.findFailed(limit);
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        return delegate.findByEventId(eventId);
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        return delegate.retryFailed(limit, now);
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        return delegate.deleteCompletedBefore(cutoff, limit);
    }

    @Override
    public void registerEventType(Class<? extends DomainEvent> eventClass, String eventType) {
        delegate.registerEventType(eventClass, eventType);
    }

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        return delegate.subscribeToWakeUps(listener);
    }

    @Override
    public void ping() {
        delegate.ping();
    }
}
