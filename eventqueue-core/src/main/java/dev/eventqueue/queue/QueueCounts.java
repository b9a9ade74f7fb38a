package dev.eventqueue.queue;

/** Number of entries in each status across the whole queue. */
public record QueueCounts(long pending, long processing, long completed, long failed) {

    public long total() {
        return pending + processing + completed + failed;
    }
}
