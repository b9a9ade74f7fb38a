package dev.eventqueue.queue;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The queue in this JVM's memory: fast, shared safely by any number of dispatchers in one JVM,
 * with the same leases and fencing rules as a database store, and lost when the JVM exits.
 *
 * <p>Its heap stays flat however many events pass through: an entry is forgotten as soon as it
 * completes, and only the number of completed entries is kept (the audit trail keeps their
 * history). So {@link #findByEventId} shows the pending, processing and failed entries only. The
 * ids of the last {@value #RECENTLY_COMPLETED_EVENTS} events whose entries completed are
 * remembered, so that publishing one of them again enqueues nothing; an older event published
 * again is enqueued again.
 *
 * <p>One lock guards all state; every operation is short and touches only the entries it
 * returns, except admin scans (failed list, oldest due entry). Due entries wait in one
 * {@link ReadyQueue} per handler and loop, so a claim for some handlers never walks past other
 * handlers' entries. Entries move between statuses through intrusive lists ({@link SlotList}),
 * and the entries of one event are chained to each other, so the per-entry cost is one lookup in
 * the map of all events at enqueue and one in the (small) map of claimed entries at completion.
 * Entry ids are taken to be unique, as the dispatcher's random ids are; only the
 * {@code (eventId, handlerName)} pair is checked for duplicates.
 */
public final class InMemoryEventQueueRepository implements EventQueueRepository {

    private static final Comparator<Slot> UPDATE_ORDER = Slot::compareUpdateOrder;
    /** How many completed events are remembered to refuse their republishing: a bounded, flat memory. */
    static final int RECENTLY_COMPLETED_EVENTS = 100_000;

    private final Clock clock;
    /**
     * The event types of the attached dispatcher (a view over all of them when several share this
     * store); {@code null} until one attaches. An entry of a class none of them knows is unreadable.
     */
    private volatile EventTypeRegistry eventTypes;

    private final ReentrantLock lock = new ReentrantLock();
    /** Claimed entries by id: every fenced write looks here, and it holds only what is claimed now. */
    private final Map<UUID, Slot> processing = new HashMap<>();
    /** The first live entry of each event; the others follow through {@link Slot#nextSibling}. */
    private final Map<UUID, Slot> byEventId = new HashMap<>();

    private final Map<String, ReadyQueue> readyForeground = new HashMap<>();
    private final Map<String, ReadyQueue> readyBackground = new HashMap<>();
    private final PriorityQueue<Slot> delayed = new PriorityQueue<>(Slot::compareRetryOrder);
    private final SlotList failed = new SlotList();
    private final OrderGates orderGates = new OrderGates();
    /** Handlers whose entry of an event completed, for the most recent events, oldest first. */
    private final LinkedHashMap<UUID, Object> recentlyCompleted = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Object> eldest) {
            return size() > RECENTLY_COMPLETED_EVENTS;
        }
    };

    /** Running dispatchers by owner, as they last announced themselves. */
    private final Map<String, NodeHeartbeat> nodes = new HashMap<>();

    private final List<Runnable> wakeUpListeners = new CopyOnWriteArrayList<>();
    private long sequence;
    private long pendingCount;
    private long completedCount;

    /** A store on the system clock (UTC). */
    public InMemoryEventQueueRepository() {
        this(Clock.systemUTC());
    }

    /** A store whose leases, due times and cutoffs are judged by {@code clock}. */
    public InMemoryEventQueueRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public int enqueue(List<NewQueueEntry> entries) {
        int inserted = 0;
        lock.lock();
        try {
            // The entries of one event come together (one per handler): the event is looked up once,
            // by the insertion of its first new entry (one probe of the map of all events, not two).
            DomainEvent previousEvent = null;
            Slot first = null;
            for (NewQueueEntry entry : entries) {
                Slot slot = new Slot(entry, sequence + 1);
                if (entry.event() != previousEvent) {
                    previousEvent = entry.event();
                    first = null; // not looked up yet
                }
                if (completedBefore(slot)) {
                    continue;
                }
                if (first == null) {
                    first = byEventId.putIfAbsent(slot.eventId, slot);
                    if (first == null) { // the event's only live entry
                        first = slot;
                        accept(slot, entry.dueAt());
                        inserted++;
                        continue;
                    }
                }
                if (appendSibling(first, slot)) {
                    accept(slot, entry.dueAt());
                    inserted++;
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

    /** Whether this event's entry for this handler completed lately (and was forgotten). */
    private boolean completedBefore(Slot slot) {
        Object handlers = recentlyCompleted.isEmpty() ? null : recentlyCompleted.get(slot.eventId);
        if (handlers == null) {
            return false;
        }
        if (handlers instanceof String single) {
            return single.equals(slot.handlerName);
        }
        return contains((String[]) handlers, slot.handlerName);
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Remembers a completed entry: one handler per event is the common case, kept as its name and
     * costing one probe of the map; several as a small array of names (an event has few handlers,
     * and an array costs a fraction of a set).
     */
    private void rememberCompleted(Slot slot) {
        Object handlers = recentlyCompleted.putIfAbsent(slot.eventId, slot.handlerName);
        if (handlers == null) {
            return;
        }
        String[] names = handlers instanceof String single ? new String[] {single} : (String[]) handlers;
        if (!contains(names, slot.handlerName)) {
            String[] more = Arrays.copyOf(names, names.length + 1);
            more[names.length] = slot.handlerName;
            recentlyCompleted.put(slot.eventId, more);
        }
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

    private void accept(Slot slot, Instant dueAt) {
        sequence++;
        if (slot.orderingKey == null || orderGates.admit(slot)) {
            makePending(slot, dueAt);
        } else {
            // Pending, but waits outside the ready queues until the entries before it are done.
            slot.status = EntryStatus.PENDING;
            slot.nextRetryAt = dueAt;
            pendingCount++;
        }
    }

    @Override
    public List<ClaimedEntry> claim(ClaimRequest request) {
        Instant now = request.now();
        Instant agedBefore = request.agedBefore();
        lock.lock();
        try {
            promoteDueRetries(now);
            Map<String, ReadyQueue> ready = request.background() ? readyBackground : readyForeground;
            List<ReadyQueue> queues = new ArrayList<>(request.handlerNames().size());
            int readyCount = 0;
            for (String handlerName : request.handlerNames()) {
                ReadyQueue queue = ready.get(handlerName);
                if (queue != null && !queue.isEmpty()) {
                    queues.add(queue);
                    readyCount += queue.size();
                }
            }
            // Sized for what can be claimed, so a large batch does not grow the list step by step.
            List<ClaimedEntry> claimed = new ArrayList<>(Math.min(request.limit(), readyCount));
            while (claimed.size() < request.limit() && !queues.isEmpty()) {
                ReadyQueue best = queues.size() == 1 ? queues.get(0) : next(queues, agedBefore);
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
                slot.claimToken++;
                slot.updatedAt = now;
                processing.put(slot.id, slot);
                claimed.add(slot.toClaimed(readError(slot)));
            }
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant nextDueAt(Set<String> handlerNames, Loop loop, Instant now) {
        lock.lock();
        try {
            Slot head = delayed.peek();
            if (head == null) {
                return null;
            }
            if (waitsFor(head, handlerNames, loop, now)) {
                return head.nextRetryAt; // the common case: the earliest delayed entry is the caller's
            }
            Instant earliest = null;
            for (Slot slot : delayed) {
                if (waitsFor(slot, handlerNames, loop, now)
                        && (earliest == null || slot.nextRetryAt.isBefore(earliest))) {
                    earliest = slot.nextRetryAt;
                }
            }
            return earliest;
        } finally {
            lock.unlock();
        }
    }

    private static boolean waitsFor(Slot slot, Set<String> handlerNames, Loop loop, Instant now) {
        return slot.status == EntryStatus.PENDING
                && slot.background == loop.isBackground()
                && slot.nextRetryAt.isAfter(now)
                && handlerNames.contains(slot.handlerName);
    }

    /**
     * The queue whose head goes next: the head due longest, when it became due before
     * {@code agedBefore}; otherwise the head first in claim order.
     */
    private static ReadyQueue next(List<ReadyQueue> queues, Instant agedBefore) {
        ReadyQueue best = null;
        Slot bestHead = null;
        Instant bestAge = null;
        for (ReadyQueue queue : queues) {
            Slot head = queue.peek();
            Instant dueSince = agedBefore == null ? null : head.dueSince();
            boolean aged = dueSince != null && dueSince.isBefore(agedBefore);
            if (best == null) {
                best = queue;
                bestHead = head;
                bestAge = aged ? dueSince : null;
            } else if (aged) {
                if (bestAge == null || dueSince.isBefore(bestAge)) {
                    best = queue;
                    bestHead = head;
                    bestAge = dueSince;
                }
            } else if (bestAge == null && Slot.compareClaimOrder(head, bestHead) < 0) {
                best = queue;
                bestHead = head;
            }
        }
        return best;
    }

    @Override
    public int complete(Collection<ClaimRef> claims, Instant now) {
        boolean promoted = false;
        lock.lock();
        try {
            int done = 0;
            for (ClaimRef claim : claims) {
                Slot slot = takeIfHeld(claim);
                if (slot != null) {
                    // Forgotten at once: only the count stays, so the heap does not grow with history.
                    unchainSibling(slot);
                    rememberCompleted(slot);
                    slot.status = EntryStatus.COMPLETED;
                    completedCount++;
                    done++;
                    promoted |= openGate(slot);
                }
            }
            return done;
        } finally {
            lock.unlock();
            if (promoted) {
                wakeUpListeners.forEach(Runnable::run);
            }
        }
    }

    @Override
    public boolean reschedule(ClaimRef claim, Instant nextRetryAt, String error, Instant now) {
        lock.lock();
        try {
            Slot slot = heldBy(claim);
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
    public boolean fail(ClaimRef claim, String error, Instant now) {
        lock.lock();
        try {
            Slot slot = heldBy(claim);
            if (slot == null) {
                return false;
            }
            leaveProcessing(slot, now);
            // A lost worker's claim counted one attempt more than the entry allows.
            slot.attempts = Math.min(slot.attempts, slot.maxAttempts);
            markFailed(slot, error);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean park(ClaimRef claim, String error, Instant now) {
        boolean promoted;
        lock.lock();
        try {
            Slot slot = heldBy(claim);
            if (slot == null) {
                return false;
            }
            leaveProcessing(slot, now);
            slot.attempts = Math.min(slot.attempts, slot.maxAttempts);
            markFailed(slot, error);
            promoted = openGate(slot);
            slot.orderingKey = null;
        } finally {
            lock.unlock();
        }
        if (promoted) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return true;
    }

    @Override
    public long countBlockedOrderingKeys() {
        lock.lock();
        try {
            // Only the head of a key can run, so each failed entry that kept its key blocks one key.
            long blocked = 0;
            for (Slot slot : failed.toList()) {
                if (slot.orderingKey != null) {
                    blocked++;
                }
            }
            return blocked;
        } finally {
            lock.unlock();
        }
    }

    /** Lets the next entry of an ordered entry's key be claimed; whether one was queued. */
    private boolean openGate(Slot slot) {
        if (slot.orderingKey == null) {
            return false;
        }
        Slot next = orderGates.leave(slot);
        if (next == null) {
            return false;
        }
        queueUp(next);
        return true;
    }

    @Override
    public int release(Collection<ClaimRef> claims, Instant now) {
        int released = 0;
        lock.lock();
        try {
            for (ClaimRef claim : claims) {
                Slot slot = heldBy(claim);
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
    public Set<ClaimRef> extendLeases(Collection<ClaimRef> claims, Instant leaseUntil, Instant now) {
        lock.lock();
        try {
            Set<ClaimRef> held = new HashSet<>();
            for (ClaimRef claim : claims) {
                Slot slot = heldBy(claim);
                if (slot != null) {
                    slot.leaseExpiresAt = leaseUntil;
                    held.add(claim);
                }
            }
            return held;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> releaseExpiredLeases(Instant now) {
        List<QueueEntry> recovered;
        lock.lock();
        try {
            List<Slot> expired = new ArrayList<>();
            for (Slot slot : processing.values()) {
                if (slot.leaseExpiresAt.isBefore(now)) {
                    expired.add(slot);
                }
            }
            recovered = new ArrayList<>(expired.size());
            for (Slot slot : expired) {
                String lostOwner = slot.owner;
                leaveProcessing(slot, now);
                slot.error = slot.attempts >= slot.maxAttempts
                        ? LeaseMessages.lostOnLastAttempt(lostOwner, slot.attempts)
                        : LeaseMessages.lost(lostOwner, slot.attempts);
                makePending(slot, null);
                recovered.add(slot.toEntry());
            }
        } finally {
            lock.unlock();
        }
        if (!recovered.isEmpty()) {
            wakeUpListeners.forEach(Runnable::run);
        }
        return recovered;
    }

    @Override
    public QueueCounts countByStatus() {
        lock.lock();
        try {
            return new QueueCounts(pendingCount, processing.size(), completedCount, failed.size());
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

    /**
     * Keeps the attached dispatchers' event types: as a database store would, this store hands out
     * only events of classes they know.
     */
    @Override
    public synchronized void attach(RepositoryContext context) {
        EventTypeRegistry given = context.eventTypes();
        eventTypes = eventTypes == null ? given : eventTypes.and(given);
    }

    /** Why the slot's event must not be handed out, or {@code null}. */
    private String readError(Slot slot) {
        EventTypeRegistry known = eventTypes;
        if (known == null || known.knowsClass(slot.event.getClass())) {
            return null;
        }
        return "Unknown event type '" + slot.eventType + "': its class "
                + slot.event.getClass().getName()
                + " is not registered on this node. Register it with EventDispatcher.Builder.eventType(...)";
    }

    @Override
    public List<QueueEntry> findFailed(int limit, String errorPrefix) {
        Objects.requireNonNull(errorPrefix, "errorPrefix");
        lock.lock();
        try {
            return failed.toList().stream()
                    .filter(slot -> slot.error != null && slot.error.startsWith(errorPrefix))
                    .sorted(UPDATE_ORDER)
                    .limit(limit)
                    .map(Slot::toEntry)
                    .toList();
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
        return retry(
                now,
                () -> failed.toList().stream().sorted(UPDATE_ORDER).limit(limit).toList());
    }

    /** Returns the chosen failed entries to pending with their full attempts; they are chosen under the lock. */
    private List<QueueEntry> retry(Instant now, Supplier<List<Slot>> oldestFirst) {
        List<QueueEntry> retried;
        lock.lock();
        try {
            List<Slot> chosen = oldestFirst.get();
            retried = new ArrayList<>(chosen.size());
            for (Slot slot : chosen) {
                failed.remove(slot);
                slot.attempts = 0;
                slot.updatedAt = now;
                slot.pendingSince = now;
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

    /** Completed entries are not kept, so there is nothing to delete. */
    @Override
    public List<QueueEntry> deleteCompletedBefore(Instant cutoff, int limit) {
        return List.of();
    }

    @Override
    public EntryPage findEntries(EntryFilter filter, int offset, int limit) {
        EntryPage.requireValid(offset, limit);
        lock.lock();
        try {
            List<Slot> matching = matching(filter, Slot::compareCreationOrder);
            List<QueueEntry> page = matching.stream()
                    .skip(offset)
                    .limit(limit)
                    .map(Slot::toEntry)
                    .toList();
            return new EntryPage(page, matching.size(), offset, limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long countEntries(EntryFilter filter) {
        lock.lock();
        try {
            return matching(filter, null).size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoredEntry> findEntry(UUID entryId) {
        lock.lock();
        try {
            for (Slot first : byEventId.values()) {
                for (Slot slot = first; slot != null; slot = slot.nextSibling) {
                    if (slot.id.equals(entryId)) {
                        return Optional.of(new StoredEntry(slot.toEntry(), String.valueOf(slot.event), slot.headers));
                    }
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> retryFailed(EntryFilter filter, int limit, Instant now) {
        EntryFilter failedOnly =
                filter.toBuilder().statuses(List.of(EntryStatus.FAILED)).build();
        return retry(
                now,
                () -> matching(failedOnly, UPDATE_ORDER).stream().limit(limit).toList());
    }

    @Override
    public List<QueueEntry> deleteEntries(EntryFilter filter, int limit) {
        filter.requireDeletable();
        lock.lock();
        try {
            List<Slot> oldestFirst =
                    matching(filter, UPDATE_ORDER).stream().limit(limit).toList();
            List<QueueEntry> deleted = new ArrayList<>(oldestFirst.size());
            for (Slot slot : oldestFirst) {
                if (slot.status == EntryStatus.FAILED) {
                    failed.remove(slot);
                } else if (slot.status == EntryStatus.PENDING) {
                    boolean removed = delayed.remove(slot) || readyQueue(slot).remove(slot);
                    // An ordered entry behind its aggregate's head waits in its gate, in no queue.
                    if (!removed && slot.orderingKey == null) {
                        throw new IllegalStateException("pending entry " + slot.id + " was in no queue");
                    }
                    pendingCount--;
                } else {
                    continue;
                }
                openGate(slot); // a deleted ordered entry no longer holds its aggregate back
                unchainSibling(slot);
                deleted.add(slot.toEntry());
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Long> countByHandler(EntryStatus status) {
        lock.lock();
        try {
            Map<String, Long> counts = new TreeMap<>();
            for (Slot slot : matching(EntryFilter.builder().status(status).build(), null)) {
                counts.merge(slot.handlerName, 1L, Long::sum);
            }
            return counts;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordHeartbeat(NodeHeartbeat node) {
        lock.lock();
        try {
            nodes.put(node.owner(), node);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void removeNode(String owner) {
        lock.lock();
        try {
            nodes.remove(owner);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<NodeHeartbeat> nodesAliveAt(Instant now) {
        lock.lock();
        try {
            return nodes.values().stream()
                    .filter(node -> !node.aliveUntil().isBefore(now))
                    .sorted(Comparator.comparing(NodeHeartbeat::owner))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    /** The live entries (pending, processing, failed) matching a filter, sorted when asked. */
    private List<Slot> matching(EntryFilter filter, Comparator<Slot> order) {
        List<Slot> matching = new ArrayList<>();
        if (filter.statuses().equals(Set.of(EntryStatus.FAILED))) {
            for (Slot slot : failed.toList()) {
                if (filter.matches(slot.toEntry())) {
                    matching.add(slot);
                }
            }
        } else {
            for (Slot first : byEventId.values()) {
                for (Slot slot = first; slot != null; slot = slot.nextSibling) {
                    if (filter.matches(slot.toEntry())) {
                        matching.add(slot);
                    }
                }
            }
        }
        if (order != null) {
            matching.sort(order);
        }
        return matching;
    }

    @Override
    public WakeUpSubscription subscribeToWakeUps(Runnable listener) {
        wakeUpListeners.add(listener);
        return () -> wakeUpListeners.remove(listener);
    }

    static Instant earliestDueSince(Iterable<Slot> slots, Instant now, Instant earliest) {
        for (Slot slot : slots) {
            if (slot.isDue(now)) {
                Instant dueSince = slot.dueSince();
                if (earliest == null || dueSince.isBefore(earliest)) {
                    earliest = dueSince;
                }
            }
        }
        return earliest;
    }

    private void unchainSibling(Slot slot) {
        // Nearly always the slot is its event's first live entry: then one probe of the map unchains it.
        boolean wasFirst = slot.nextSibling == null
                ? byEventId.remove(slot.eventId, slot)
                : byEventId.replace(slot.eventId, slot, slot.nextSibling);
        if (!wasFirst) {
            for (Slot sibling = byEventId.get(slot.eventId); sibling != null; sibling = sibling.nextSibling) {
                if (sibling.nextSibling == slot) {
                    sibling.nextSibling = slot.nextSibling;
                    break;
                }
            }
        }
        slot.nextSibling = null;
    }

    /** Takes the claimed slot out of processing when the claim still holds it: one probe, not two. */
    private Slot takeIfHeld(ClaimRef claim) {
        Slot slot = processing.remove(claim.entryId());
        if (slot != null && slot.claimToken != claim.claimToken()) {
            processing.put(slot.id, slot); // claimed again since: the stale claim changes nothing
            return null;
        }
        return slot;
    }

    private Slot heldBy(ClaimRef claim) {
        Slot slot = processing.get(claim.entryId());
        return slot != null && slot.claimToken == claim.claimToken() ? slot : null;
    }

    private void leaveProcessing(Slot slot, Instant now) {
        processing.remove(slot.id);
        slot.owner = null;
        slot.leaseExpiresAt = null;
        slot.updatedAt = now;
        slot.pendingSince = now;
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
        queueUp(slot);
    }

    /** Queues a pending entry for claiming: ready now, or once its due time comes. */
    private void queueUp(Slot slot) {
        if (slot.nextRetryAt == null) {
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
