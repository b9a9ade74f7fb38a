package dev.eventqueue.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A store that passes every call to another one; decorators override only what they change.
 * Methods added to {@link EventQueueRepository} later are forwarded here too, so a decorator
 * never silently falls back to a default implementation its delegate overrides.
 */
public abstract class ForwardingEventQueueRepository implements EventQueueRepository {

    private final EventQueueRepository delegate;

    protected ForwardingEventQueueRepository(EventQueueRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are passed to. */
    public EventQueueRepository getDelegate() {
        return delegate;
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public void attach(RepositoryContext context) {
        delegate.attach(context);
    }

    @Override
    public void requireReadable(Class<? extends dev.eventqueue.domain.DomainEvent> eventClass) {
        delegate.requireReadable(eventClass);
    }

    @Override
    public List<QueueEntry> findFailed(int limit, String errorPrefix) {
        return delegate.findFailed(limit, errorPrefix);
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        return delegate.enqueue(entries);
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        return delegate.claim(request);
    }

    @Override
    public Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant now) {
        return delegate.nextDueAt(handlerNames, loop, now);
    }

    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        return delegate.complete(claims, now);
    }

    @Override
    public boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now) {
        return delegate.reschedule(claim, nextRetryAt, error, now);
    }

    @Override
    public boolean fail(ClaimRef claim, String error, Instant now) {
        return delegate.fail(claim, error, now);
    }

    @Override
    public boolean park(ClaimRef claim, String error, Instant now) {
        return delegate.park(claim, error, now);
    }

    @Override
    public long countBlockedOrderingKeys() {
        return delegate.countBlockedOrderingKeys();
    }

    @Override
    public int release(Collection<ClaimRef> claims, Instant now) {
        return delegate.release(claims, now);
    }

    @Override
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        return delegate.extendLeases(claims, leaseUntil, now);
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
    public EntryPage findEntries(EntryFilter filter, int offset, int limit) {
        return delegate.findEntries(filter, offset, limit);
    }

    @Override
    public long countEntries(EntryFilter filter) {
        return delegate.countEntries(filter);
    }

    @Override
    public Optional<StoredEntry> findEntry(UUID entryId) {
        return delegate.findEntry(entryId);
    }

    @Override
    public List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now) {
        return delegate.retryFailed(filter, limit, now);
    }

    @Override
    public List<QueueEntry> deleteEntries(EntryFilter filter, int limit) {
        return delegate.deleteEntries(filter, limit);
    }

    @Override
    public Map<String, Long> countByHandler(EntryStatus status) {
        return delegate.countByHandler(status);
    }

    @Override
    public void recordHeartbeat(NodeHeartbeat node) {
        delegate.recordHeartbeat(node);
    }

    @Override
    public void removeNode(String owner) {
        delegate.removeNode(owner);
    }

    @Override
    public List<NodeHeartbeat> nodesAliveAt(Instant now) {
        return delegate.nodesAliveAt(now);
    }

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        return delegate.subscribeToWakeUps(listener);
    }

    @Override
    public void afterEnqueueVisible(Runnable action) {
        delegate.afterEnqueueVisible(action);
    }

    @Override
    public Map<String, String> stoppedThreads() {
        return delegate.stoppedThreads();
    }

    @Override
    public void ping() {
        delegate.ping();
    }
}
