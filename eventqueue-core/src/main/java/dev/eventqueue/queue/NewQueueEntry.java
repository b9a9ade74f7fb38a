package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry to enqueue: an event for one handler, with the handler's settings at publish time.
 *
 * @param id          the new entry's id
 * @param event       the event; stores serialize it as they need
 * @param handlerName the handler that will run it
 * @param priority    lower is claimed first
 * @param background  whether the background loop claims it
 * @param maxAttempts attempts allowed, at least 1
 * @param credentials the publisher's credentials, may be {@code null}
 * @param createdAt   enqueue time; entries of equal priority are claimed oldest first
 */
public record NewQueueEntry(
        UUID id,
        DomainEvent event,
        String handlerName,
        int priority,
        boolean background,
        int maxAttempts,
        Credentials credentials,
        Instant createdAt) {

    public NewQueueEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.getEventId(), "event.getEventId()");
        Objects.requireNonNull(event.getEventType(), "event.getEventType()");
        Objects.requireNonNull(handlerName, "handlerName");
        Objects.requireNonNull(createdAt, "createdAt");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }
}
