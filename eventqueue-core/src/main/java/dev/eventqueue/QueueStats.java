package dev.eventqueue;

/**
 * Entries by status across the whole queue (claimed entries count as {@code processing}), the
 * handler calls in flight in this dispatcher, and the aggregates whose order is held up by a
 * failed entry that waits for an operator (see {@code EventHandler#isOrderedByAggregate()}).
 */
public record QueueStats(
        long pending, long processing, long completed, long failed, int activeHandlers, long blockedAggregates) {

    /** Stats without blocked aggregates (a queue without per-aggregate order). */
    public QueueStats(long pending, long processing, long completed, long failed, int activeHandlers) {
        this(pending, processing, completed, failed, activeHandlers, 0);
    }

    /** Shows {@code blockedAggregates} only when some are blocked, so a queue without order prints as before. */
    @Override
    public String toString() {
        return "QueueStats[pending=" + pending + ", processing=" + processing + ", completed=" + completed
                + ", failed=" + failed + ", activeHandlers=" + activeHandlers
                + (blockedAggregates == 0 ? "" : ", blockedAggregates=" + blockedAggregates) + "]";
    }
}
