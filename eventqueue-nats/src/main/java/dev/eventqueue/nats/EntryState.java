package dev.eventqueue.nats;

import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry as the bucket keeps it under its key: its whole state and its event as stored. Every
 * change writes a new value, guarded by the revision it was read at.
 *
 * @param seq the entry's place in enqueue order: the revision its first value was written at
 *     (missing in that first value, where the revision itself says it)
 */
record EntryState(
        UUID id,
        UUID eventId,
        String eventType,
        int eventVersion,
        String payload,
        String aggregateId,
        String orderingKey,
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
        Map<String, String> headers,
        String owner,
        Instant leaseExpiresAt,
        long claimToken,
        Long seq) {

    EntryState {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    QueueEntry toQueueEntry() {
        return new QueueEntry(
                id,
                eventId,
                eventType,
                aggregateId,
                handlerName,
                status,
                attempts,
                maxAttempts,
                priority,
                background,
                nextRetryAt,
                createdAt,
                updatedAt,
                error,
                credentialsUserId,
                credentialsRole,
                owner,
                leaseExpiresAt);
    }

    /** When it became due: the later of when it was made pending and its retry time. */
    Instant dueSince() {
        return nextRetryAt != null && nextRetryAt.isAfter(updatedAt) ? nextRetryAt : updatedAt;
    }

    EntryState withSeq(long seq) {
        return new EntryState(
                id,
                eventId,
                eventType,
                eventVersion,
                payload,
                aggregateId,
                orderingKey,
                handlerName,
                status,
                attempts,
                maxAttempts,
                priority,
                background,
                nextRetryAt,
                createdAt,
                updatedAt,
                error,
                credentialsUserId,
                credentialsRole,
                headers,
                owner,
                leaseExpiresAt,
                claimToken,
                seq);
    }

    /**
     * Claimed by {@code newOwner}. The token is random, not the previous one plus one: should two
     * nodes' claims of one revision both be accepted (clustered servers before 2.9.21 check the
     * expected revision outside their consensus), their tokens still differ, so only the claim
     * that was written last can complete the entry.
     */
    EntryState claimed(String newOwner, Instant leaseUntil, Instant now) {
        long newToken;
        do {
            newToken = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (newToken == claimToken);
        return new EntryState(
                id,
                eventId,
                eventType,
                eventVersion,
                payload,
                aggregateId,
                orderingKey,
                handlerName,
                EntryStatus.PROCESSING,
                attempts + 1,
                maxAttempts,
                priority,
                background,
                nextRetryAt,
                createdAt,
                now,
                error,
                credentialsUserId,
                credentialsRole,
                headers,
                newOwner,
                leaseUntil,
                claimToken + 1,
                seq);
    }

    /** Leaves {@code processing} (or {@code failed}) for {@code newStatus}, clearing owner and lease. */
    EntryState moved(
            EntryStatus newStatus,
            int newAttempts,
            Instant newNextRetryAt,
            String newError,
            String newOrderingKey,
            Instant now) {
        return new EntryState(
                id,
                eventId,
                eventType,
                eventVersion,
                payload,
                aggregateId,
                newOrderingKey,
                handlerName,
                newStatus,
                newAttempts,
                maxAttempts,
                priority,
                background,
                newNextRetryAt,
                createdAt,
                now,
                newError,
                credentialsUserId,
                credentialsRole,
                headers,
                null,
                null,
                claimToken,
                seq);
    }

    EntryState withLease(Instant leaseUntil) {
        return new EntryState(
                id,
                eventId,
                eventType,
                eventVersion,
                payload,
                aggregateId,
                orderingKey,
                handlerName,
                status,
                attempts,
                maxAttempts,
                priority,
                background,
                nextRetryAt,
                createdAt,
                updatedAt,
                error,
                credentialsUserId,
                credentialsRole,
                headers,
                owner,
                leaseUntil,
                claimToken,
                seq);
    }

    boolean heldBy(long token) {
        return status == EntryStatus.PROCESSING && claimToken == token;
    }
}
