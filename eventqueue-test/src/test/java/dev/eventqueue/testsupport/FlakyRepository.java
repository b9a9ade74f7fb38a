package dev.eventqueue.testsupport;

import dev.eventqueue.queue.ClaimRef;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.ForwardingEventQueueRepository;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import dev.eventqueue.queue.NewQueueEntry;
import dev.eventqueue.queue.QueueCounts;
import dev.eventqueue.queue.QueueEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store a test can take down (every call throws), and whose entries of one event
 * type come back unreadable, as a database store returns an unknown type or broken JSON.
 */
public final class FlakyRepository extends ForwardingEventQueueRepository {

    private volatile boolean down;
    private volatile String unreadableType;
    private final AtomicInteger failedCalls = new AtomicInteger();

    public FlakyRepository() {
        this(Clock.systemUTC());
    }

    public FlakyRepository(Clock clock) {
        super(new InMemoryEventQueueRepository(clock));
    }

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
        return super.enqueue(entries);
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        check();
        return super.claim(request).stream().map(this::maybeUnreadable).toList();
    }

    private ClaimedEntry maybeUnreadable(ClaimedEntry entry) {
        if (!entry.eventType().equals(unreadableType)) {
            return entry;
        }
        return new ClaimedEntry(
                entry.id(),
                entry.claimToken(),
                entry.eventId(),
                entry.eventType(),
                entry.aggregateId(),
                entry.handlerName(),
                entry.attempt(),
                entry.maxAttempts(),
                entry.credentials(),
                entry.createdAt(),
                entry.leaseExpiresAt(),
                entry.headers(),
                entry.previousError(),
                null,
                "unknown event type '" + entry.eventType() + "'");
    }

    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        check();
        return super.complete(claims, now);
    }

    @Override
    public boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now) {
        check();
        return super.reschedule(claim, nextRetryAt, error, now);
    }

    @Override
    public boolean fail(ClaimRef claim, String error, Instant now) {
        check();
        return super.fail(claim, error, now);
    }

    @Override
    public int release(Collection<ClaimRef> claims, Instant now) {
        check();
        return super.release(claims, now);
    }

    @Override
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        check();
        return super.extendLeases(claims, leaseUntil, now);
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        check();
        return super.releaseExpiredLeases(now);
    }

    @Override
    public QueueCounts countByStatus() {
        check();
        return super.countByStatus();
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        check();
        return super.oldestDueSince(now);
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        check();
        return super.findFailed(limit);
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        check();
        return super.findByEventId(eventId);
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        check();
        return super.retryFailed(limit, now);
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        check();
        return super.deleteCompletedBefore(cutoff, limit);
    }

    @Override
    public void ping() {
        check();
        super.ping();
    }
}
