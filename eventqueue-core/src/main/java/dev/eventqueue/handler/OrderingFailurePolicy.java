package dev.eventqueue.handler;

/**
 * What happens to an aggregate's later entries when an entry of a handler that keeps
 * per-aggregate order ({@link EventHandler#isOrderedByAggregate()}) fails for good.
 */
public enum OrderingFailurePolicy {

    /**
     * The failed entry keeps holding back the later entries of its aggregate until an operator
     * retries it (it runs first again) or deletes it. Other aggregates go on. The aggregate counts
     * as blocked in stats, health and metrics meanwhile.
     */
    BLOCK,

    /**
     * The failed entry is parked: it stays failed (an operator can still retry it, then without
     * order) and the aggregate's later entries go on at once.
     */
    PARK
}
