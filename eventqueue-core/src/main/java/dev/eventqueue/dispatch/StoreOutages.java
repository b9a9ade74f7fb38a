package dev.eventqueue.dispatch;

/**
 * Remembers when this node last saw the store fail. Lease recovery holds off for one lease after
 * the node starts and after the store comes back: other nodes then write what they finished and
 * renew what they still run before anyone takes their entries over, so an outage longer than the
 * lease does not make finished work run again.
 */
final class StoreOutages {

    private final long holdOffNanos;
    private volatile long lastFailureNanos;
    private volatile long healthySinceNanos;
    private volatile boolean failing;

    StoreOutages(long holdOffNanos) {
        this.holdOffNanos = holdOffNanos;
        this.healthySinceNanos = System.nanoTime();
    }

    void failed() {
        lastFailureNanos = System.nanoTime();
        failing = true;
    }

    void succeeded() {
        if (failing) {
            failing = false;
            healthySinceNanos = System.nanoTime();
        }
    }

    boolean isFailing() {
        return failing;
    }

    /** Whether this node may take over other workers' expired leases now. */
    boolean mayRecover() {
        return !failing && System.nanoTime() - healthySinceNanos >= holdOffNanos;
    }

    long lastFailureNanos() {
        return lastFailureNanos;
    }
}
