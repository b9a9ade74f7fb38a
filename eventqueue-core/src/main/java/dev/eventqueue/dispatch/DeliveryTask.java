package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.IntConsumer;

/**
 * One claimed entry waiting for a worker thread; gives its room back when it starts or is taken
 * back. It knows until when its lease is surely held (by the local monotonic clock, counted from
 * before the claim or the last heartbeat that renewed it), so that a worker never starts it after
 * the lease may have lapsed, for example in a process resumed after a long pause.
 */
final class DeliveryTask {

    private final ClaimedEntry entry;
    private final Loop loop;
    private final IntConsumer room;
    /** A field updater rather than an atomic object: one task is made per claimed entry. */
    private static final AtomicIntegerFieldUpdater<DeliveryTask> DONE =
            AtomicIntegerFieldUpdater.newUpdater(DeliveryTask.class, "done");

    private final Runnable whenDone;
    private volatile int done;
    private final long queuedAtNanos;
    private volatile long leaseHeldUntilNanos;
    private volatile boolean lost;

    DeliveryTask(ClaimedEntry entry, Loop loop, IntConsumer room, long claimedAtNanos, long leaseNanos) {
        this(entry, loop, room, claimedAtNanos, leaseNanos, () -> {});
    }

    /** @param whenDone runs once when the task has run or was given back unstarted */
    DeliveryTask(
            ClaimedEntry entry, Loop loop, IntConsumer room, long claimedAtNanos, long leaseNanos, Runnable whenDone) {
        this.whenDone = whenDone;
        this.entry = entry;
        this.loop = loop;
        this.room = room;
        this.queuedAtNanos = System.nanoTime();
        this.leaseHeldUntilNanos = claimedAtNanos + leaseNanos;
    }

    ClaimedEntry entry() {
        return entry;
    }

    Loop loop() {
        return loop;
    }

    long queuedAtNanos() {
        return queuedAtNanos;
    }

    /** A heartbeat that started at {@code renewedAtNanos} renewed this claim. */
    void renewed(long renewedAtNanos, long leaseNanos) {
        leaseHeldUntilNanos = Math.max(leaseHeldUntilNanos, renewedAtNanos + leaseNanos);
    }

    /** A heartbeat found the claim no longer held: the entry was recovered or claimed again. */
    void markLost() {
        lost = true;
    }

    /** Whether the lease surely lasts at least {@code marginNanos} longer. */
    boolean mayStart(long nowNanos, long marginNanos) {
        return !lost && nowNanos + marginNanos < leaseHeldUntilNanos;
    }

    /** The task has run (whatever its outcome) or was given back without running; idempotent. */
    void done() {
        if (DONE.compareAndSet(this, 0, 1)) {
            whenDone.run();
        }
    }

    /** The task leaves the queue: it starts, or is taken back; its room is free again. */
    void leaveQueue() {
        room.accept(1);
    }
}
