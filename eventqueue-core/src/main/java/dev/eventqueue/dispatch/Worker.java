package dev.eventqueue.dispatch;

import dev.eventqueue.queue.ClaimedEntry;

/**
 * One worker thread of the pool and what it is doing: the entry it holds (from start until its
 * outcome is written, for the heartbeat) and the handler call it runs (for the watchdog).
 */
final class Worker {

    private final Thread thread;
    private volatile ClaimedEntry holding;
    private volatile HandlerCall call;
    private volatile boolean retired;

    Worker(Thread thread) {
        this.thread = thread;
    }

    Thread thread() {
        return thread;
    }

    ClaimedEntry holding() {
        return holding;
    }

    void hold(ClaimedEntry entry) {
        this.holding = entry;
    }

    HandlerCall call() {
        return call;
    }

    void call(HandlerCall call) {
        this.call = call;
    }

    /** An abandoned worker finishes its hung call, if ever, and then leaves the pool. */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    /** Whether the heartbeat should renew this worker's entry: held, and its call not timed out. */
    boolean keepsLease() {
        HandlerCall running = call;
        return holding != null && !retired && (running == null || running.state() == HandlerCall.RUNNING);
    }
}
