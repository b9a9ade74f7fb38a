package dev.eventqueue.testsupport;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.EventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import dev.eventqueue.queue.WakeUpSubscription;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store a test can take down (every call throws) and whose entries of one event
 * type come back unreadable, as a database store returns an unknown type or broken JSON.
 */
public final class FlakyRepository implements EventQueueRepository {

    private final InMemoryEventQueueRepository delegate = new InMemoryEventQueueRepository();
    private volatile boolean down;
    private volatile String unreadableType;
    private final AtomicInteger failedCalls = new AtomicInteger();

    public void setDown(boolean down) {
        this.down = down;
    }

    /** Entries of this event type are claimed with a payload error instead of their event. */
    public void makeUnreadable(String eventType) {
        this.unreadableType = eventType;
    }

    /** How many calls were refused while down. */
    public int failedCalls() {
        return failedCalls.get();
    }

    private void check() {
        if (down) {
            failedCalls.incrementAndGet();
            throw new IllegalStateException("store unreachable (test outage)");
        }
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        check();
        return delegate.enqueue(entries);
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        check();
        return delegate.claim(request).stream().map(this::maybeUnreadable).toList();
    }

    private ClaimedEntry maybeUnreadable(ClaimedEntry entry) {
        if (!entry.eventType().equals(unreadableType)) {
            return entry;
        }
        return new ClaimedEntry(
                entry.id(),
                entry.eventId(),
                entry.eventType(),
                entry.handlerName(),
                entry.attempt(),
                entry.maxAttempts(),
                entry.credentials(),
                entry.createdAt(),
                null,
                "unknown event type '" + entry.eventType() + "'");
    }

    @Override
    public int complete(Collection<UUID> entryIds, String owner, Instant now) {
        check();
        return delegate.complete(entryIds, owner, now);
    }

    @Override
    public boolean reschedule(UUID entryId, String owner, Instant nextRetryAt, String error, Instant now) {
        check();
        return delegate.reschedule(entryId, owner, nextRetryAt, error, now);
    }

    @Override
    public boolean fail(UUID entryId, String owner, String error, Instant now) {
        check();
        return delegate.fail(entryId, owner, error, now);
    }

    @Override
    public int release(Collection<UUID> entryIds, String owner, Instant now) {
        check();
        return delegate.release(entryIds, owner, now);
    }

    @Override
    public int extendLeases(String owner, Instant leaseUntil, Instant now) {
        check();
        return delegate.extendLeases(owner, leaseUntil, now);
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        check();
        return delegate.releaseExpiredLeases(now);
    }

    @Override
    public QueueCounts countByStatus() {
        check();
        return delegate.countByStatus();
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        check();
        return delegate.oldestDueSince(now);
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        check();
        return delegate.findFailed(limit);
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        check();
        return delegate.findByEventId(eventId);
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        check();
        return delegate.retryFailed(limit, now);
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        check();
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
}
