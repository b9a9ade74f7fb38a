package dev.eventqueue.queue;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue in this JVM's memory: fast, shared safely by any number of dispatchers in one JVM,
 * with the same leases and ownership rules as a database store, and lost when the JVM exits.
 *
 * <p>One lock guards all state; every operation is short and touches only the entries it
 * returns, except admin scans (failed list, cleanup, oldest due entry). Due entries wait in one
 * {@link ReadyQueue} per handler and loop, so a claim for some handlers never walks past other
 * handlers' entries. Entries move between statuses through intrusive lists ({@link SlotList}),
 * and the entries of one event are chained to each other, so the per-entry cost is one lookup in
 * the map of all events at enqueue and one in the (small) map of claimed entries at completion.
 * Entry ids are taken to be unique, as the dispatcher's random ids are; only the
 * {@code (eventId, handlerName)} pair is checked for duplicates.
 */
public final class InMemoryEventQueueRepository implements EventQueueRepository {

    private static final Comparator<Slot> UPDATE_ORDER = Slot::compareUpdateOrder;

    private final ReentrantLock lock = new ReentrantLock();
    /** Claimed entries by id: every owner-checked write looks here, and it holds only what is claimed now. */
    private final Map<UUID, Slot> processing = new HashMap<>();
    /** The first entry of each event; the others follow through {@link Slot#nextSibling}. */
    private final Map<UUID, Slot> byEventId = new HashMap<>();

    private final Map<String, ReadyQueue> readyForeground = new HashMap<>();
    private final Map<String, ReadyQueue> readyBackground = new HashMap<>();
    private final PriorityQueue<Slot> delayed = new PriorityQueue<>(Slot::compareRetryOrder);
    private final SlotList completed = new SlotList();
    private final SlotList failed = new SlotList();
    private final List<Runnable> wakeUpListeners = new CopyOnWriteArrayList<>();
    private long sequence;
    private long pendingCount;

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        int inserted = 0;
        lock.lock();
        try {
            // The entries of one event come together (one per handler): look the event up once.
            DomainEvent previousEvent = null;
            Slot previousFirst = null;
            for (NewQueueEntry entry : entries) {
                Slot slot = new Slot(entry, sequence + 1);
                Slot first = entry.event() == previousEvent ? previousFirst : byEventId.putIfAbsent(slot.eventId, slot);
                previousEvent = entry.event();
                if (first == null) {
                    previousFirst = slot;
                    accept(slot);
                    inserted++;
                } else {
                    previousFirst = first;
                    if (appendSibling(first, slot)) {
                        accept(slot);
                        inserted++;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (inserted > 0) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return inserted;
    }

    /** Chains a new entry after its event's others, unless its handler already has one. */
    private static boolean appendSibling(Slot first, Slot slot) {
        Slot last = null;
        for (Slot sibling = first; sibling != null; sibling = sibling.nextSibling) {
            if (sibling.handlerName.equals(slot.handlerName)) {
                return false;
            }
            last = sibling;
        }
        last.nextSibling = slot;
        return true;
    }

    private void accept(Slot slot) {
        sequence++;
        makePending(slot, null);
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        Instant now = request.now();
        lock.lock();
        try {
            promoteDueRetries(now);
            Map<String, ReadyQueue> ready = request.background() ? readyBackground : readyForeground;
            List<ReadyQueue> queues = new ArrayList<>(request.handlerNames().size());
            for (String handlerName : request.handlerNames()) {
                ReadyQueue queue = ready.get(handlerName);
                if (queue != null && !queue.isEmpty()) {
                    queues.add(queue);
                }
            }
            List<ClaimedEntry> claimed = new ArrayList<>(Math.min(request.limit(), 256));
            while (claimed.size() < request.limit() && !queues.isEmpty()) {
                ReadyQueue best = queues.get(0);
                Slot bestHead = best.peek();
                for (int i = 1; i < queues.size(); i++) {
                    Slot head = queues.get(i).peek();
                    if (Slot.compareClaimOrder(head, bestHead) < 0) {
                        best = queues.get(i);
                        bestHead = head;
                    }
                }
                Slot slot = best.poll();
                if (best.isEmpty()) {
                    queues.remove(best);
                }
                if (!slot.isDue(now)) {
                    // Promoted by a caller with a later clock; not due for this one.
                    delayed.add(slot);
                    continue;
                }
                pendingCount--;
                slot.status = EntryStatus.PROCESSING;
                slot.owner = request.owner();
                slot.leaseExpiresAt = request.leaseUntil();
                slot.attempts++;
                slot.updatedAt = now;
                processing.put(slot.id, slot);
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
                    slot.event = null; // never read again; the payload need not live as long as the entry
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
        int released = 0;
        lock.lock();
        try {
            for (UUID id : entryIds) {
                Slot slot = heldBy(id, owner);
                if (slot != null) {
                    leaveProcessing(slot, now);
                    slot.attempts = Math.max(0, slot.attempts - 1);
                    makePending(slot, slot.nextRetryAt);
                    released++;
                }
            }
        } finally {
            lock.unlock();
        }
        if (released > 0) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return released;
    }

    @Override
    public int extendLeases(String owner, Instant leaseUntil, Instant now) {
        lock.lock();
        try {
            int extended = 0;
            for (Slot slot : processing.values()) {
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
            for (Slot slot : processing.values()) {
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
            for (ReadyQueue queue : readyForeground.values()) {
                oldest = queue.earliestDueSince(now, oldest);
            }
            for (ReadyQueue queue : readyBackground.values()) {
                oldest = queue.earliestDueSince(now, oldest);
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
            return failed.toList().stream()
                    .sorted(UPDATE_ORDER)
                    .limit(limit)
                    .map(Slot::toEntry)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> findByEventId(UUID eventId) {
        lock.lock();
        try {
            List<Slot> siblings = new ArrayList<>(4);
            for (Slot slot = byEventId.get(eventId); slot != null; slot = slot.nextSibling) {
                siblings.add(slot);
            }
            return siblings.stream()
                    .sorted(Comparator.<Slot, Instant>comparing(s -> s.createdAt)
                            .thenComparingLong(s -> s.sequence))
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
            List<Slot> oldestFirst =
                    failed.toList().stream().sorted(UPDATE_ORDER).limit(limit).toList();
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
            Slot slot = completed.first();
            while (slot != null && deleted.size() < limit) {
                Slot next = slot.next;
                if (slot.updatedAt.isBefore(cutoff)) {
                    completed.remove(slot);
                    unchainSibling(slot);
                    deleted.add(slot.toEntry());
                }
                slot = next;
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

    static Instant earliestDueSince(Iterable<Slot> slots, Instant now, Instant earliest) {
        for (Slot slot : slots) {
            if (slot.isDue(now)) {
                Instant dueSince = slot.nextRetryAt != null && slot.nextRetryAt.isAfter(slot.createdAt)
                        ? slot.nextRetryAt
                        : slot.createdAt;
                if (earliest == null || dueSince.isBefore(earliest)) {
                    earliest = dueSince;
                }
            }
        }
        return earliest;
    }

    private void unchainSibling(Slot slot) {
        Slot first = byEventId.get(slot.eventId);
        if (first == slot) {
            if (slot.nextSibling == null) {
                byEventId.remove(slot.eventId);
            } else {
                byEventId.put(slot.eventId, slot.nextSibling);
            }
        } else {
            for (Slot sibling = first; sibling != null; sibling = sibling.nextSibling) {
                if (sibling.nextSibling == slot) {
                    sibling.nextSibling = slot.nextSibling;
                    break;
                }
            }
        }
        slot.nextSibling = null;
    }

    private Slot heldBy(UUID id, String owner) {
        Slot slot = processing.get(id);
        return slot != null && owner.equals(slot.owner) ? slot : null;
    }

    private void leaveProcessing(Slot slot, Instant now) {
        processing.remove(slot.id);
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

    private ReadyQueue readyQueue(Slot slot) {
        return (slot.background ? readyBackground : readyForeground)
                .computeIfAbsent(slot.handlerName, name -> new ReadyQueue());
    }

    private void promoteDueRetries(Instant now) {
        while (!delayed.isEmpty() && !delayed.peek().nextRetryAt.isAfter(now)) {
            Slot slot = delayed.poll();
            readyQueue(slot).add(slot);
        }
    }
}
