package dev.eventqueue.nats.outbox;

import dev.eventqueue.queue.ClaimedEntry;
import dev.eventqueue.queue.Loop;
import dev.eventqueue.queue.NewQueueEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How an entry travels through the outbox table. The outbox row is due at once, so the relay
 * forwards it as soon as it is committed, whatever its due time; what a claimed row does not give
 * back (priority, due time, ordering key) rides in headers of its own and is taken out again when
 * the entry is forwarded, exactly as it was published.
 */
final class OutboxEntries {

    static final String PRIORITY = "eventqueue-outbox-priority";
    static final String DUE_AT = "eventqueue-outbox-due-at";
    static final String ORDERING_KEY = "eventqueue-outbox-ordering-key";

    private OutboxEntries() {}

    /** The row to write to the outbox for an entry published in a transaction. */
    static NewQueueEntry toOutbox(NewQueueEntry entry) {
        Map<String, String> headers = new HashMap<>(entry.headers());
        headers.put(PRIORITY, Integer.toString(entry.priority()));
        if (entry.dueAt() != null) {
            headers.put(DUE_AT, entry.dueAt().toString());
        }
        if (entry.orderingKey() != null) {
            headers.put(ORDERING_KEY, entry.orderingKey());
        }
        // The ordering key stays on the row too: the outbox then hands out the entries of one key
        // one at a time, in commit order, and the target store receives them in that order.
        return new NewQueueEntry(
                entry.id(),
                entry.event(),
                entry.handlerName(),
                entry.priority(),
                entry.background(),
                entry.maxAttempts(),
                entry.credentials(),
                entry.createdAt(),
                null,
                entry.orderingKey(),
                headers);
    }

    /** The entry as it was published, from a readable row a relay claimed in {@code loop}. */
    static NewQueueEntry toTarget(ClaimedEntry row, Loop loop) {
        Map<String, String> headers = new HashMap<>(row.headers());
        String priority = headers.remove(PRIORITY);
        String dueAt = headers.remove(DUE_AT);
        String orderingKey = headers.remove(ORDERING_KEY);
        return new NewQueueEntry(
                row.id(),
                row.event(),
                row.handlerName(),
                priority == null ? 100 : Integer.parseInt(priority),
                loop.isBackground(),
                row.maxAttempts(),
                row.credentials(),
                row.createdAt(),
                dueAt == null ? null : Instant.parse(dueAt),
                orderingKey,
                headers);
    }
}
