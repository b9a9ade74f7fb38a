package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Mutable state of one in-memory entry; only touched under {@link InMemoryEventQueueRepository}'s
 * lock. Besides its data a slot carries the links of the intrusive structures it sits in, so that
 * moving an entry between statuses allocates nothing and hashes nothing.
 */
final class Slot {

    final UUID id;
    final UUID eventId;
    final String eventType;
    final String aggregateId;
    final DomainEvent event;
    final String handlerName;
    final int priority;
    final boolean background;
    final int maxAttempts;
    final Credentials credentials;
    final Map<String, String> headers;
    final Instant createdAt;
    final long sequence;
    /** Entries of one handler with one key start in enqueue order; cleared when the entry is parked. */
    String orderingKey;

    EntryStatus status;
    int attempts;
    long claimToken;
    Instant nextRetryAt;
    /** When the entry last became pending: enqueue, retry, recovery or a retry by hand. */
    Instant pendingSince;

    Instant updatedAt;
    String error;
    String owner;
    Instant leaseExpiresAt;

    /** The next entry of the same event (another handler), in enqueue order. */
    Slot nextSibling;
    /** The status list (processing, failed) this slot is in, and its neighbours there. */
    SlotList list;

    Slot previous;
    Slot next;

    Slot(NewQueueEntry entry, long sequence) {
        DomainEvent event = entry.event();
        this.id = entry.id();
        this.eventId = event.getEventId();
        this.eventType = event.getEventType();
        this.aggregateId = event.getAggregateId();
        this.event = event;
        this.handlerName = entry.handlerName();
        this.priority = entry.priority();
        this.background = entry.background();
        this.maxAttempts = entry.maxAttempts();
        this.credentials = entry.credentials();
        this.headers = entry.headers();
        this.orderingKey = entry.orderingKey();
        this.createdAt = entry.createdAt();
        this.updatedAt = entry.createdAt();
        this.pendingSince = entry.createdAt();
        this.sequence = sequence;
    }

    /** Claim order: lower priority number, then older, then enqueued first. */
    static int compareClaimOrder(Slot a, Slot b) {
        if (a.priority != b.priority) {
            return a.priority < b.priority ? -1 : 1;
        }
        int byAge = a.createdAt.compareTo(b.createdAt);
        return byAge != 0 ? byAge : Long.compare(a.sequence, b.sequence);
    }

    /** Order of creation, then enqueue order (operator listings). */
    static int compareCreationOrder(Slot a, Slot b) {
        int byAge = a.createdAt.compareTo(b.createdAt);
        return byAge != 0 ? byAge : Long.compare(a.sequence, b.sequence);
    }

    /** Due order of delayed retries: earlier retry time, then enqueued first. */
    static int compareRetryOrder(Slot a, Slot b) {
        int byTime = a.nextRetryAt.compareTo(b.nextRetryAt);
        return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
    }

    /** Order of last change, oldest first (failed lists, retries by hand). */
    static int compareUpdateOrder(Slot a, Slot b) {
        int byTime = a.updatedAt.compareTo(b.updatedAt);
        return byTime != 0 ? byTime : Long.compare(a.sequence, b.sequence);
    }

    boolean isDue(Instant now) {
        return nextRetryAt == null || !nextRetryAt.isAfter(now);
    }

    /** When a pending entry became due: the later of when it became pending and its retry time. */
    Instant dueSince() {
        return nextRetryAt != null && nextRetryAt.isAfter(pendingSince) ? nextRetryAt : pendingSince;
    }

    /** @param readError why the event must not be handed out, or {@code null} to hand it out */
    ClaimedEntry toClaimed(String readError) {
        return new ClaimedEntry(
                id,
                claimToken,
                eventId,
                eventType,
                aggregateId,
                handlerName,
                attempts,
                maxAttempts,
                credentials,
                createdAt,
                leaseExpiresAt,
                headers,
                error,
                readError == null ? event : null,
                readError);
    }

    QueueEntry toEntry() {
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
                credentials == null ? null : credentials.userId(),
                credentials == null ? null : credentials.role(),
                owner,
                leaseExpiresAt);
    }
}
