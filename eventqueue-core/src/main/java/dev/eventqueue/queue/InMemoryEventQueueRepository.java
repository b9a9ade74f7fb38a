package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue in this JVM's memory: fast, shared safely by any number of dispatchers in one JVM,
 * with the same leases and ownership rules as a database store, and lost when the JVM exits.
 *
 * <p>One lock guards all state; every operation is short and touches only the entries it
 * returns, except admin scans (failed list, cleanup). Due entries wait in one priority queue per
 * handler and loop, so a claim for some handlers never walks past other handlers' entries.
 */
public final class InMemoryEventQueueRepository implements EventQueueRepository {

    private static final Comparator<Slot> CLAIM_ORDER = Comparator.<Slot>comparingInt(s -> s.priority)
            .thenComparing(s -> s.createdAt)
            .thenComparingLong(s -> s.sequence);
    private static final Comparator<Slot> RETRY_ORDER = Comparator.<Slot, Instant>comparing(s -> s.nextRetryAt)
            .thenComparingLong(s -> s.sequence);
    private static final Comparator<Slot> UPDATE_ORDER = Comparator.<Slot, Instant>comparing(s -> s.updatedAt)
            .thenComparingLong(s -> s.sequence);

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UUID, Slot> byId = new HashMap<>();
    private final Map<UUID, List<Slot>> byEventId = new HashMap<>();
    private final Map<ReadyKey, PriorityQueue<Slot>> ready = new HashMap<>();
    private final PriorityQueue<Slot> delayed = new PriorityQueue<>(RETRY_ORDER);
    private final Set<Slot> processing = new HashSet<>();
    private final Set<Slot> completed = new LinkedHashSet<>();
    private final Set<Slot> failed = new LinkedHashSet<>();
    private final List<Runnable> wakeUpListeners = new CopyOnWriteArrayList<>();
    private long sequence;
    private long pendingCount;

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        int inserted = 0;
        lock.lock();
        try {
            for (NewQueueEntry entry : entries) {
                List<Slot> siblings = byEventId.computeIfAbsent(entry.event().getEventId(), id -> new ArrayList<>(2));
                if (containsHandler(siblings, entry.handlerName()) || byId.containsKey(entry.id())) {
                    continue;
                }
                Slot slot = new Slot(entry, ++sequence);
                siblings.add(slot);
                byId.put(slot.id, slot);
                makePending(slot, null);
                inserted++;
            }
        } finally {
            lock.unlock();
        }
        if (inserted > 0) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return inserted;
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        lock.lock();
        try {
            promoteDueRetries(request.now());
            List<PriorityQueue<Slot>> queues = new ArrayList<>(request.handlerNames().size());
            for (String handlerName : request.handlerNames()) {
                PriorityQueue<Slot> queue = ready.get(new ReadyKey(request.background(), handlerName));
                if (queue != null && !queue.isEmpty()) {
                    queues.add(queue);
                }
            }
            List<ClaimedEntry> claimed = new ArrayList<>(Math.min(request.limit(), 64));
            while (claimed.size() < request.limit()) {
                PriorityQueue<Slot> best = null;
                for (PriorityQueue<Slot> queue : queues) {
                    if (!queue.isEmpty() && (best == null || CLAIM_ORDER.compare(queue.peek(), best.peek()) < 0)) {
                        best = queue;
                    }
                }
                if (best == null) {
                    break;
                }
                Slot slot = best.poll();
                if (!isDue(slot, request.now())) {
                    // Promoted by a caller with a later clock; not due for this one.
                    delayed.add(slot);
                    continue;
                }
                pendingCount--;
                slot.status = EntryStatus.PROCESSING;
                slot.owner = request.owner();
                slot.leaseExpiresAt = request.leaseUntil();
                slot.attempts++;
                slot.updatedAt = request.now();
                processing.add(slot);
                claimed.add(slot.toClaimed());
            }
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int complete(Collection<UUID> entryIds, String owner, Instant now) {
        lock.lock();
        try {
            int done = 0;
            for (UUID id : entryIds) {
                Slot slot = heldBy(id, owner);
                if (slot != null) {
                    leaveProcessing(slot, now);
                    slot.status = EntryStatus.COMPLETED;
                    slot.error = null;
                    completed.add(slot);
                    done++;
                }
            }
            return done;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean reschedule(UUID entryId, String owner, Instant nextRetryAt, String error, Instant now) {
        lock.lock();
        try {
            Slot slot = heldBy(entryId, owner);
            if (slot == null) {
                return false;
            }
            leaveProcessing(slot, now);
            slot.error = error;
            makePending(slot, nextRetryAt);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean fail(UUID entryId, String owner, String error, Instant now) {
        lock.lock();
        try {
            Slot slot = heldBy(entryId, owner);
            if (slot == null) {
                return false;
            }
            leaveProcessing(slot, now);
            markFailed(slot, error);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int release(Collection<UUID> entryIds, String owner, Instant now) {
        lock.lock();
        try {
            int released = 0;
            for (UUID id : entryIds) {
                Slot slot = heldBy(id, owner);
                if (slot != null) {
                    leaveProcessing(slot, now);
                    slot.attempts = Math.max(0, slot.attempts - 1);
                    makePending(slot, slot.nextRetryAt);
                    released++;
                }
            }
            if (released > 0) {
                wakeUpListeners.forEach(Runnable::run);
            }
            return released;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int extendLeases(String owner, Instant leaseUntil, Instant now) {
        lock.lock();
        try {
            int extended = 0;
            for (Slot slot : processing) {
                if (owner.equals(slot.owner)) {
                    slot.leaseExpiresAt = leaseUntil;
                    extended++;
                }
            }
            return extended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        lock.lock();
        try {
            List<Slot> expired = new ArrayList<>();
            for (Slot slot : processing) {
                if (slot.leaseExpiresAt.isBefore(now)) {
                    expired.add(slot);
                }
            }
            List<QueueEntry> recovered = new ArrayList<>(expired.size());
            for (Slot slot : expired) {
                String lostOwner = slot.owner;
                leaveProcessing(slot, now);
                if (slot.attempts >= slot.maxAttempts) {
                    markFailed(slot, LeaseMessages.lostOnLastAttempt(lostOwner, slot.attempts));
                } else {
                    makePending(slot, null);
                }
                recovered.add(slot.toEntry());
            }
            return recovered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueueCounts countByStatus() {
        lock.lock();
        try {
            return new QueueCounts(pendingCount, processing.size(), completed.size(), failed.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant oldestDueSince(Instant now) {
        lock.lock();
        try {
            // Reads without promoting, so a caller with a later clock cannot make entries due for others.
            Instant oldest = null;
            for (PriorityQueue<Slot> queue : ready.values()) {
                oldest = earliestDueSince(queue, now, oldest);
            }
            return earliestDueSince(delayed, now, oldest);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> findFailed(int limit) {
        lock.lock();
        try {
            return failed.stream().sorted(UPDATE_ORDER).limit(limit).map(Slot::toEntry).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        lock.lock();
        try {
            return byEventId.getOrDefault(eventId, List.of()).stream()
                    .sorted(Comparator.<Slot, Instant>comparing(s -> s.createdAt).thenComparingLong(s -> s.sequence))
                    .map(Slot::toEntry)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> retryFailed(int limit, Instant now) {
        List<QueueEntry> retried;
        lock.lock();
        try {
            List<Slot> oldestFirst = failed.stream().sorted(UPDATE_ORDER).limit(limit).toList();
            retried = new ArrayList<>(oldestFirst.size());
            for (Slot slot : oldestFirst) {
                failed.remove(slot);
                slot.attempts = 0;
                slot.updatedAt = now;
                makePending(slot, null);
                retried.add(slot.toEntry());
            }
        } finally {
            lock.unlock();
        }
        if (!retried.isEmpty()) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return retried;
    }

    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        lock.lock();
        try {
            List<QueueEntry> deleted = new ArrayList<>();
            Iterator<Slot> iterator = completed.iterator();
            while (iterator.hasNext() && deleted.size() < limit) {
                Slot slot = iterator.next();
                if (slot.updatedAt.isBefore(cutoff)) {
                    iterator.remove();
                    byId.remove(slot.id);
                    List<Slot> siblings = byEventId.get(slot.eventId);
                    siblings.remove(slot);
                    if (siblings.isEmpty()) {
                        byEventId.remove(slot.eventId);
                    }
                    deleted.add(slot.toEntry());
                }
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        wakeUpListeners.add(listener);
        return () -> wakeUpListeners.remove(listener);
    }

    private static Instant earliestDueSince(Iterable<Slot> slots, Instant now, Instant earliest) {
        for (Slot slot : slots) {
            if (isDue(slot, now)) {
                Instant dueSince = slot.nextRetryAt != null && slot.nextRetryAt.isAfter(slot.createdAt)
                        ? slot.nextRetryAt : slot.createdAt;
                if (earliest == null || dueSince.isBefore(earliest)) {
                    earliest = dueSince;
                }
            }
        }
        return earliest;
    }

    private static boolean isDue(Slot slot, Instant now) {
        return slot.nextRetryAt == null || !slot.nextRetryAt.isAfter(now);
    }

    private static boolean containsHandler(List<Slot> siblings, String handlerName) {
        for (Slot sibling : siblings) {
            if (sibling.handlerName.equals(handlerName)) {
                return true;
            }
        }
        return false;
    }

    private Slot heldBy(UUID id, String owner) {
        Slot slot = byId.get(id);
        return slot != null && slot.status == EntryStatus.PROCESSING && owner.equals(slot.owner) ? slot : null;
    }

    private void leaveProcessing(Slot slot, Instant now) {
        processing.remove(slot);
        slot.owner = null;
        slot.leaseExpiresAt = null;
        slot.updatedAt = now;
    }

    private void markFailed(Slot slot, String error) {
        slot.status = EntryStatus.FAILED;
        slot.error = error;
        failed.add(slot);
    }

    private void makePending(Slot slot, Instant nextRetryAt) {
        slot.status = EntryStatus.PENDING;
        slot.nextRetryAt = nextRetryAt;
        pendingCount++;
        if (nextRetryAt == null) {
            readyQueue(slot).add(slot);
        } else {
            delayed.add(slot);
        }
    }

    private PriorityQueue<Slot> readyQueue(Slot slot) {
        return ready.computeIfAbsent(new ReadyKey(slot.background, slot.handlerName),
                key -> new PriorityQueue<>(CLAIM_ORDER));
    }

    private void promoteDueRetries(Instant now) {
        while (!delayed.isEmpty() && !delayed.peek().nextRetryAt.isAfter(now)) {
            Slot slot = delayed.poll();
            readyQueue(slot).add(slot);
        }
    }

    private record ReadyKey(boolean background, String handlerName) {
    }

    /** Mutable state of one entry; only touched under the repository's lock. */
    private static final class Slot {
        final UUID id;
        final UUID eventId;
        final String eventType;
        final String aggregateId;
        final dev.eventqueue.domain.DomainEvent event;
        final String handlerName;
        final int priority;
        final boolean background;
        final int maxAttempts;
        final Credentials credentials;
        final Instant createdAt;
        final long sequence;
        EntryStatus status;
        int attempts;
        Instant nextRetryAt;
        Instant updatedAt;
        String error;
        String owner;
        Instant leaseExpiresAt;

        Slot(NewQueueEntry entry, long sequence) {
            this.id = entry.id();
            this.eventId = entry.event().getEventId();
            this.eventType = entry.event().getEventType();
            this.aggregateId = entry.event().getAggregateId();
            this.event = entry.event();
            this.handlerName = entry.handlerName();
            this.priority = entry.priority();
            this.background = entry.background();
            this.maxAttempts = entry.maxAttempts();
            this.credentials = entry.credentials();
            this.createdAt = entry.createdAt();
            this.updatedAt = entry.createdAt();
            this.sequence = sequence;
        }

        ClaimedEntry toClaimed() {
            return new ClaimedEntry(id, eventId, eventType, handlerName, attempts, maxAttempts, credentials,
                    createdAt, event, null);
        }

        QueueEntry toEntry() {
            return new QueueEntry(id, eventId, eventType, aggregateId, handlerName, status, attempts, maxAttempts,
                    priority, background, nextRetryAt, createdAt, updatedAt, error,
                    credentials == null ? null : credentials.userId(), credentials == null ? null : credentials.role(),
                    owner, leaseExpiresAt);
        }
    }
}
