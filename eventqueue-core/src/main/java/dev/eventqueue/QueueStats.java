package dev.eventqueue;

/**
 * Entries by status across the whole queue (claimed entries count as {@code processing}), and
 * the handler calls in flight in this dispatcher.
 */
public record QueueStats(long pending, long processing, long completed, long failed, int activeHandlers) {}
