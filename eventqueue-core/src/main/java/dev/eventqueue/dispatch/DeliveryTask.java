package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
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
    private final long queuedAtNanos;
    private volatile long leaseHeldUntilNanos;
    private volatile boolean lost;

    DeliveryTask(ClaimedEntry entry, Loop loop, IntConsumer room, long claimedAtNanos, long leaseNanos) {
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

    /** The task leaves the queue: it starts, or is taken back; its room is free again. */
    void leaveQueue() {
        room.accept(1);
    }
}
