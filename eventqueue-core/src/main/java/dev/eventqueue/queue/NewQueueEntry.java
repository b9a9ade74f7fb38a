package dev.eventqueue.queue;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.Map;
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
 * @param createdAt   enqueue time, by the store's clock; entries of equal priority are claimed oldest first
 * @param dueAt       not claimed before this instant; {@code null} to be due at once
 * @param orderingKey entries of one handler with the same key start one at a time, in enqueue
 *                    order; {@code null} for no order
 * @param headers     what travels with the entry to its handler (trace context and the like)
 */
public record NewQueueEntry(
        UUID id,
        DomainEvent event,
        String handlerName,
        int priority,
        boolean background,
        int maxAttempts,
        Credentials credentials,
        Instant createdAt,
        Instant dueAt,
        String orderingKey,
        Map<String, String> headers) {

    public NewQueueEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(event.getEventId(), "event.getEventId()");
        Objects.requireNonNull(event.getEventType(), "event.getEventType()");
        Objects.requireNonNull(handlerName, "handlerName");
        Objects.requireNonNull(createdAt, "createdAt");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    /** An entry due at once, without order or headers. */
    public NewQueueEntry(
            UUID id,
            DomainEvent event,
            String handlerName,
            int priority,
            boolean background,
            int maxAttempts,
            Credentials credentials,
            Instant createdAt) {
        this(id, event, handlerName, priority, background, maxAttempts, credentials, createdAt, null, null, Map.of());
    }

    public Loop loop() {
        return Loop.of(background);
    }
}
