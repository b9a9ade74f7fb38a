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
        Instant leaseExpiresAt) {}
