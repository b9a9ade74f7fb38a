package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a polling loop sleeps between polls; {@link #wake()} ends the sleep early. A wake that
 * comes while the loop is busy is remembered, so the next sleep returns at once and no publish
 * waits a whole interval. {@link #expect(long)} shortens sleeps so that the loop is up when a
 * known entry falls due.
 */
final class Waiter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean pending;
    /** The earliest due time known, by {@link System#nanoTime()}; meaningful only while {@link #dueKnown}. */
    private long dueAtNanos;

    private boolean dueKnown;

    void wake() {
        if (pending) {
            return; // already signalled; skip the lock on the publish hot path
        }
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * An entry falls due at {@code nanos} (by {@link System#nanoTime()}): a sleep ends then at the
     * latest. A sleeping loop only recomputes its deadline; it does not poll early.
     */
    void expect(long nanos) {
        lock.lock();
        try {
            if (!dueKnown || nanos - dueAtNanos < 0) {
                dueKnown = true;
                dueAtNanos = nanos;
                woken.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps up to {@code timeout}, until woken, or until the earliest expected due time. */
    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!pending) {
                long until = dueKnown && dueAtNanos - deadline < 0 ? dueAtNanos : deadline;
                long remaining = until - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                woken.awaitNanos(remaining);
            }
            pending = false;
            if (dueKnown && dueAtNanos - System.nanoTime() <= 0) {
                dueKnown = false; // reached: the poll that follows claims it
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a wake that came while busy; called right before a poll that will see its entries. */
    void clear() {
        pending = false;
    }

    static long millis(Duration duration) {
        return TimeUnit.NANOSECONDS.toMillis(duration.toNanos());
    }
}
