package dev.eventqueue.dispatch;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.NewQueueEntry;
import java.time.Instant;
import java.util.List;

/**
 * A publish whose entries became visible: its events, how many entries each got (at the same
 * index), the entries in enqueue order, the publisher's credentials (or {@code null}) and the
 * store's time of the publish.
 */
record Publication(
        List<? extends DomainEvent> events,
        int[] entriesPerEvent,
        List<NewQueueEntry> entries,
        Credentials credentials,
        Instant at) {}
