package dev.eventqueue.queue;

import java.util.Locale;

/** Life cycle of a queue entry; stored in lower case ({@code pending}, ...). */
public enum EntryStatus {
    /** Waiting to be claimed, possibly not before {@code nextRetryAt}. */
    PENDING,
    /** Claimed by a worker that holds its lease. */
    PROCESSING,
    /** Handled successfully; deleted by cleanup after the retention period. */
    COMPLETED,
    /** No attempts left; stays until retried or purged by hand. */
    FAILED;

    /** The value stored in the {@code status} column. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored status value, case-insensitively. */
    public static EntryStatus fromDbValue(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown queue entry status '" + value + "'", e);
        }
    }
}
