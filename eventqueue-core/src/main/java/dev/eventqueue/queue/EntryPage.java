package dev.eventqueue.queue;

import java.util.List;

/**
 * One page of entries matching a filter, oldest created first.
 *
 * @param entries the entries of this page
 * @param total   how many entries match the filter in all
 * @param offset  how many matching entries come before this page
 * @param limit   the page size asked for
 */
public record EntryPage(List<QueueEntry> entries, long total, int offset, int limit) {

    public EntryPage {
        entries = List.copyOf(entries);
    }

    /**
     * Checks the paging arguments of a query.
     *
     * @throws IllegalArgumentException when {@code offset} is negative or {@code limit} below 1
     */
    public static void requireValid(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, but was " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, but was " + limit);
        }
    }

    /** Whether more entries follow this page. */
    public boolean hasMore() {
        return offset + (long) entries.size() < total;
    }

    /** The offset of the next page; only meaningful when {@link #hasMore()}. */
    public int nextOffset() {
        return offset + entries.size();
    }
}
