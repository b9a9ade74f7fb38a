package dev.eventqueue.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * A queue entry as stored, for administration (failed lists, retries, cleanup, audits).
 * The event itself is not read back here, so listing never depends on event classes.
 */
public record QueueEntry(
        UUID id,
        UUID eventId,
        String eventType,
        String aggregateId,
        String handlerName,
        EntryStatus status,
        int attempts,
        int maxAttempts,
        int priority,
        boolean background,
        Instant nextRetryAt,
        Instant createdAt,
        Instant updatedAt,
        String error,
        String credentialsUserId,
        String credentialsRole,
        String owner,
        Instant leaseExpiresAt) {

    /**
     * How the error of an entry that could not be read begins (its type unknown on the node that
     * claimed it, its payload broken, or no upcaster for its version). Such an entry fails at once,
     * without retries; once a release can read it, retrying it delivers it.
     */
    public static final String UNREADABLE_ERROR_PREFIX = "Unreadable event: ";

    /** Whether this entry failed because it could not be read. */
    public boolean isUnreadable() {
        return status == EntryStatus.FAILED && error != null && error.startsWith(UNREADABLE_ERROR_PREFIX);
    }
}
