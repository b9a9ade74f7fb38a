package dev.eventqueue.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One running handler call, as the watchdog sees it. Its state moves once from running to
 * finished, or to timed out (interrupted) and then either finished (the handler returned within
 * the grace period) or abandoned (the watchdog gave up on the thread and wrote the outcome).
 */
final class HandlerCall {

    static final int RUNNING = 0;
    static final int TIMED_OUT = 1;
    static final int ABANDONED = 2;
    static final int FINISHED = 3;

    private final DeliveryTask task;
    private final Worker worker;
    private final Duration timeout;
    private final long startedAtNanos;
    private final long deadlineNanos;
    /** A field updater rather than an atomic object: one call is made per delivery. */
    private static final AtomicIntegerFieldUpdater<HandlerCall> STATE =
            AtomicIntegerFieldUpdater.newUpdater(HandlerCall.class, "state");

    private volatile int state = RUNNING;
    private volatile long abandonAtNanos = Long.MAX_VALUE;

    HandlerCall(DeliveryTask task, Worker worker, Duration timeout) {
        this.task = task;
        this.worker = worker;
        this.timeout = timeout;
        this.startedAtNanos = System.nanoTime();
        this.deadlineNanos = startedAtNanos + timeout.toNanos();
    }

    DeliveryTask task() {
        return task;
    }

    Worker worker() {
        return worker;
    }

    Duration timeout() {
        return timeout;
    }

    long startedAtNanos() {
        return startedAtNanos;
    }

    int state() {
        return state;
    }

    boolean isOverdue(long nowNanos) {
        return nowNanos - deadlineNanos > 0;
    }

    boolean isPastGrace(long nowNanos) {
        return nowNanos - abandonAtNanos > 0;
    }

    /**
     * Marks the call timed out and interrupts its thread. Under the call's lock, as {@link #finish()}
     * is: an interrupt can only reach the thread while it still runs this call, never the next one.
     */
    synchronized boolean timeOut(long nowNanos, long graceNanos) {
        if (STATE.compareAndSet(this, RUNNING, TIMED_OUT)) {
            abandonAtNanos = nowNanos + graceNanos;
            worker.thread().interrupt();
            return true;
        }
        return false;
    }

    /** Gives up on a timed-out call whose thread did not return; the caller writes its outcome. */
    boolean abandon() {
        return STATE.compareAndSet(this, TIMED_OUT, ABANDONED);
    }

    /**
     * Called by the worker when the handler returned.
     *
     * @return the state it was in: {@link #RUNNING}, {@link #TIMED_OUT}, or {@link #ABANDONED}
     *     (then the outcome is no longer this worker's to write)
     */
    synchronized int finish() {
        while (true) {
            int current = state;
            if (current == ABANDONED || current == FINISHED) {
                return current;
            }
            if (STATE.compareAndSet(this, current, FINISHED)) {
                return current;
            }
        }
    }
}
