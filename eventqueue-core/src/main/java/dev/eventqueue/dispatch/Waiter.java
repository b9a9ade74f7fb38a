package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a polling loop sleeps between polls; {@link #wake()} ends the sleep early. A wake that
 * comes while the loop is busy is remembered, so the next sleep returns at once and no publish
 * waits a whole interval.
 */
final class Waiter {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean pending;

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

    /** Sleeps up to {@code timeout} or until woken. */
    void await(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!pending && remaining > 0) {
                remaining = woken.awaitNanos(remaining);
            }
            pending = false;
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
