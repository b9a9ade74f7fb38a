package dev.eventqueue.dispatch;

import dev.eventqueue.monitoring.SecretMasking;
import dev.eventqueue.queue.ClaimRequest;
import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claiming loop (foreground or background) on its own thread. It claims up to
 * {@code batchSize} due entries, queues them for the worker pool, and claims again as soon as
 * half the batch has started while work remains; when nothing is due it sleeps on its
 * {@link Waiter} for one interval, until a publish wakes it, or until the earliest entry it knows
 * of falls due (see {@link DueTimes}). No failure ends the loop: it backs
 * off and tries again.
 */
final class PollingLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);
    private static final long MAX_ERROR_BACKOFF_MILLIS = 30_000;
    /**
     * Claiming pauses while this many finished entries wait for their completion to be written: when
     * the store writes completions slower than handlers finish, a node must not go on claiming (and
     * holding leases on) an ever larger share of the queue.
     */
    static final int MAX_UNWRITTEN_COMPLETIONS = 4_000;

    private static final long COMPLETION_BACKLOG_PAUSE_NANOS = 1_000_000;
    /**
     * While no entry is aged, aged entries are looked for this often by the store's clock (or every
     * half aging period when that is shorter); while some are, at every claim.
     */
    static final Duration MAX_AGED_CHECK = Duration.ofSeconds(1);

    private final RuntimeContext context;
    private final WorkerPool pool;
    private final Loop loop;
    private final Duration interval;
    private final int batchSize;
    private final Set<String> handlerNames;
    /** Handlers of this loop with a concurrency cap, claimed apart; and the others. */
    private final Set<String> cappedNames;

    private final Set<String> uncappedNames;
    private static final Runnable NOTHING = () -> {};
    private final Waiter waiter;
    /** Room for claimed entries that have not started yet; bounds what one node holds unstarted. */
    private final Room room;
    /** {@code room::release}, made once: a method reference is a new object each time it is evaluated. */
    private final IntConsumer releaseRoom;
    /** Finished entries whose completion is not written yet; they still count as held by this node. */
    private final IntSupplier unwrittenCompletions;

    private final Duration agedCheck;
    /** Store time of the next aged check; {@code null} checks at the next claim. */
    private Instant nextAgedCheck;
    /** The last claim found aged entries: the next one looks again, so a backlog of them drains first. */
    private boolean agedFound;
    /** The store time of the last claim. */
    private Instant lastClaimAt;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastPollNanos = System.nanoTime();

    PollingLoop(
            RuntimeContext context, WorkerPool pool, IntSupplier unwrittenCompletions, Loop loop, String threadName) {
        this.unwrittenCompletions = unwrittenCompletions;
        this.context = context;
        this.pool = pool;
        this.loop = loop;
        this.interval = loop.isBackground()
                ? context.config().backgroundInterval()
                : context.config().processingInterval();
        this.batchSize = context.config().batchSize();
        this.handlerNames = context.handlers().names(loop.isBackground());
        this.cappedNames = context.caps().cappedAmong(handlerNames);
        Set<String> uncapped = new LinkedHashSet<>(handlerNames);
        uncapped.removeAll(cappedNames);
        this.uncappedNames = Set.copyOf(uncapped);
        this.room = new Room(batchSize);
        this.releaseRoom = room::release;
        this.waiter = context.dueTimes().waiter(loop);
        Duration halfAging = context.config().priorityAging().dividedBy(2);
        this.agedCheck = halfAging.compareTo(MAX_AGED_CHECK) < 0 ? halfAging : MAX_AGED_CHECK;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        if (handlerNames.isEmpty()) {
            LOG.debug("No {} handlers; the {} loop stays idle", kind(), kind());
        }
        thread.start();
    }

    void wake() {
        waiter.wake();
    }

    /** Stops claiming; entries already queued are left to the caller. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    boolean hasHandlers() {
        return !handlerNames.isEmpty();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    String name() {
        return thread.getName();
    }

    /** Time since the loop last went round, whether or not it found work. */
    Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollNanos);
    }

    Duration interval() {
        return interval;
    }

    private void run() {
        int consecutiveErrors = 0;
        while (running) {
            try {
                lastPollNanos = System.nanoTime();
                if (handlerNames.isEmpty()) {
                    waiter.await(interval);
                    continue;
                }
                if (unwrittenCompletions.getAsInt() >= MAX_UNWRITTEN_COMPLETIONS) {
                    LockSupport.parkNanos(COMPLETION_BACKLOG_PAUSE_NANOS);
                    continue;
                }
                int wanted = reserveRoom();
                if (wanted == 0) {
                    continue;
                }
                waiter.clear();
                int claimed = claimAndSubmit(wanted);
                consecutiveErrors = 0;
                context.outages().succeeded();
                if (claimed < wanted) {
                    learnNextDue(lastClaimAt);
                    waiter.await(interval);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Throwable t) { // nothing may end the loop: an Error backs off like a store failure
                consecutiveErrors++;
                if (t instanceof RuntimeException) {
                    context.outages().failed();
                }
                backOff(t, consecutiveErrors);
            }
        }
    }

    private void backOff(Throwable failure, int consecutiveErrors) {
        try {
            if (failure instanceof Exception exception) {
                context.listeners().pollError(loop, exception);
            }
            long backoff =
                    Math.min(interval.toMillis() << Math.min(consecutiveErrors - 1, 10), MAX_ERROR_BACKOFF_MILLIS);
            if (failure instanceof Error) {
                LOG.error("The {} loop failed; it goes on in {} ms", kind(), backoff, failure);
            } else if (consecutiveErrors == 1 || consecutiveErrors % 10 == 0) {
                LOG.warn(
                        "The {} loop could not claim entries ({} failure(s) in a row), retrying in {} ms: {}",
                        kind(),
                        consecutiveErrors,
                        backoff,
                        SecretMasking.mask(failure.toString()));
            }
            waiter.await(Duration.ofMillis(Math.max(1, backoff)));
        } catch (InterruptedException interrupted) {
            if (running) {
                Thread.currentThread().interrupt();
            }
        } catch (Throwable again) { // even reporting the failure failed; pause briefly and go on
            LockSupport.parkNanos(MAX_ERROR_BACKOFF_MILLIS * 1_000_000L / 30);
        }
        if (!running) {
            Thread.interrupted();
        }
    }

    /**
     * Waits (up to one interval) until at least half a batch of room is free, then takes all free
     * room. Claiming in halves keeps claims batched under load without ever leaving workers idle.
     */
    private int reserveRoom() throws InterruptedException {
        return room.awaitAtLeast(Math.max(1, batchSize / 2), interval);
    }

    private int claimAndSubmit(int wanted) {
        List<ClaimedEntry> batch;
        long claimedAtNanos = System.nanoTime(); // before the claim: the local lease estimate errs short
        try {
            Instant now = context.clock().instant();
            lastClaimAt = now;
            Instant agedBefore = agedBefore(now);
            batch = claimWithinCaps(wanted, now, agedBefore);
            if (agedBefore != null) {
                agedFound = anyAged(batch, agedBefore);
            }
        } catch (RuntimeException | Error e) {
            room.release(wanted);
            throw e;
        }
        room.release(wanted - batch.size());
        if (!batch.isEmpty()) {
            context.listeners().claimed(loop, batch.size());
            List<DeliveryTask> tasks = new ArrayList<>(batch.size());
            long leaseNanos = context.leaseNanos();
            for (ClaimedEntry entry : batch) {
                tasks.add(new DeliveryTask(
                        entry, loop, releaseRoom, claimedAtNanos, leaseNanos, whenDone(entry.handlerName())));
            }
            pool.submitAll(tasks, loop);
        }
        return batch.size();
    }

    /**
     * First, for each capped handler with room, a claim of at most its free slots, so that this node
     * never holds more of its entries than the cap; then one claim for the handlers without a cap.
     * Capped handlers go first so that a backlog of other handlers cannot starve them; they take
     * at most their caps, so they cannot starve the others either.
     */
    private List<ClaimedEntry> claimWithinCaps(int wanted, Instant now, Instant agedBefore) {
        if (cappedNames.isEmpty()) {
            return claim(handlerNames, wanted, now, agedBefore);
        }
        List<ClaimedEntry> batch = new ArrayList<>();
        try {
            for (String name : cappedNames) {
                int limit = Math.min(wanted - batch.size(), context.caps().free(name));
                if (limit > 0) {
                    List<ClaimedEntry> claimed = claim(Set.of(name), limit, now, agedBefore);
                    context.caps().claimed(name, claimed.size());
                    batch.addAll(claimed);
                }
            }
            if (!uncappedNames.isEmpty() && batch.size() < wanted) {
                batch.addAll(claim(uncappedNames, wanted - batch.size(), now, agedBefore));
            }
        } catch (RuntimeException e) {
            if (batch.isEmpty()) {
                throw e;
            }
            // What was claimed runs; the failure shows again at the next claim.
            LOG.debug("A claim failed after others of the same round succeeded: {}", e.toString());
        }
        return batch;
    }

    private List<ClaimedEntry> claim(Set<String> names, int limit, Instant now, Instant agedBefore) {
        return context.repository()
                .claim(new ClaimRequest(
                        now,
                        limit,
                        loop,
                        names,
                        context.owner(),
                        now.plus(context.config().leaseDuration()),
                        agedBefore));
    }

    private Runnable whenDone(String handlerName) {
        if (!context.caps().isCapped(handlerName)) {
            return NOTHING;
        }
        return () -> context.caps().finished(handlerName, context.dueTimes());
    }

    /**
     * Nothing more was due at the claim: asks the store when the next entry of this loop falls due,
     * so that the sleep ends then (entries enqueued by other nodes later are found by the next
     * poll). Asked for entries due after the claim's time, not after now: one that fell due
     * in between is returned, already due, and claimed at once rather than at the next poll.
     */
    private void learnNextDue(Instant claimedAt) {
        Instant next = context.repository().nextDueAt(handlerNames, loop, claimedAt);
        if (next != null) {
            context.dueTimes().expect(loop, next);
        }
    }

    /**
     * The aging cutoff for this claim, or {@code null} for a claim in priority order only. An aged
     * claim costs a store a second query, so while none is found it runs once per check period;
     * once one finds aged entries, every claim runs it until one finds none. So an entry due for
     * longer than the aging period is claimed within one check period, before every entry due for
     * less time, behind only entries due for longer still. Timed by the store's clock, the same
     * clock that dates the entries.
     */
    private Instant agedBefore(Instant now) {
        if (!agedFound
                && nextAgedCheck != null
                && now.isBefore(nextAgedCheck)
                && !nextAgedCheck.isAfter(now.plus(agedCheck))) { // a clock set back does not postpone it
            return null;
        }
        nextAgedCheck = now.plus(agedCheck);
        return now.minus(context.config().priorityAging());
    }

    /**
     * Whether a claim with an aging cutoff may have taken an aged entry: one created before the
     * cutoff (an entry cannot be due for longer than it exists; a false guess costs one query).
     */
    private static boolean anyAged(List<ClaimedEntry> batch, Instant agedBefore) {
        for (ClaimedEntry entry : batch) {
            Instant createdAt = entry.createdAt();
            if (createdAt != null && createdAt.isBefore(agedBefore)) {
                return true;
            }
        }
        return false;
    }

    private String kind() {
        return loop.isBackground() ? "background" : "processing";
    }
}
