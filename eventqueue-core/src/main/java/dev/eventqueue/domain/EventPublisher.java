package dev.eventqueue.domain;

import java.util.List;

/**
 * Accepts domain events for delivery. Implementations are thread-safe. A call that returns
 * normally has made the events durable in the queue (or, inside a caller's transaction, will
 * with its commit); a call that throws has enqueued none of them from the failing batch.
 */
public interface EventPublisher {

    /** Publishes one event; {@code credentials} may be {@code null}. */
    void publish(DomainEvent event, Credentials credentials);

    /** Publishes events in order, in one batch where the store allows; {@code credentials} may be {@code null}. */
    void publishAll(List<? extends DomainEvent> events, Credentials credentials);
}
