package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Room for claimed entries that have not started yet, which bounds what one loop holds unstarted.
 * Workers give room back one entry at a time; the loop waits for at least half a batch of room.
 * Unlike a semaphore, a release wakes the loop only once enough room is free, not on every entry.
 */
final class Room {

    private final AtomicInteger free;
    /** The room the waiting loop needs, or 0 when it is not waiting. */
    private volatile int wanted;

    private volatile Thread waiter;

    Room(int capacity) {
        this.free = new AtomicInteger(capacity);
    }

    void release(int entries) {
        if (entries <= 0) {
            return;
        }
        int now = free.addAndGet(entries);
        int needed = wanted;
        if (needed > 0 && now >= needed) {
            wanted = 0;
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Waits up to {@code timeout} until at least {@code threshold} room is free, then takes all of it.
     *
     * @return the room taken, or 0 when the time ran out first
     */
    int awaitAtLeast(int threshold, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        while (true) {
            int available = free.get();
            if (available >= threshold) {
                if (free.compareAndSet(available, 0)) {
                    return available;
                }
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return 0;
            }
            wanted = threshold;
            // Re-check after announcing the need, so a release in between is not missed.
            if (free.get() < threshold) {
                LockSupport.parkNanos(this, remaining);
            }
            wanted = 0;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
