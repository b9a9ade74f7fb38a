package dev.eventqueue.nats;

import dev.eventqueue.queue.EntryStatus;
import dev.eventqueue.queue.QueueEntry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
        return changed(
                status, attempts, nextRetryAt, updatedAt, error, orderingKey, owner, leaseExpiresAt, claimToken, seq);
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
            newToken = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        } while (newToken == claimToken);
        return changed(
                EntryStatus.PROCESSING,
                attempts + 1,
                nextRetryAt,
                now,
                error,
                orderingKey,
                newOwner,
                leaseUntil,
                newToken,
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
        return changed(
                newStatus, newAttempts, newNextRetryAt, now, newError, newOrderingKey, null, null, claimToken, seq);
    }

    EntryState withLease(Instant leaseUntil) {
        return changed(
                status, attempts, nextRetryAt, updatedAt, error, orderingKey, owner, leaseUntil, claimToken, seq);
    }

    /** This entry with new values for what changes over its life; what was enqueued stays. */
    private EntryState changed(
            EntryStatus newStatus,
            int newAttempts,
            Instant newNextRetryAt,
            Instant newUpdatedAt,
            String newError,
            String newOrderingKey,
            String newOwner,
            Instant newLeaseExpiresAt,
            long newClaimToken,
            Long newSeq) {
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
                newUpdatedAt,
                newError,
                credentialsUserId,
                credentialsRole,
                headers,
                newOwner,
                newLeaseExpiresAt,
                newClaimToken,
                newSeq);
    }

    boolean heldBy(long token) {
        return status == EntryStatus.PROCESSING && claimToken == token;
    }
}
