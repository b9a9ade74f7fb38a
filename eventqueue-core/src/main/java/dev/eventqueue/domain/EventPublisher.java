package dev.eventqueue.domain;

import java.time.Instant;
import java.util.List;

/**
 * Accepts domain events for delivery. Implementations are thread-safe. A call that returns
 * normally has made the events durable in the queue (or, inside a caller's transaction, will
 * with its commit); a call that throws has enqueued none of them from the failing batch.
 *
 * <p>Delayed events ({@link #publishAt}, {@link #publishAllAt}, {@link #publishScheduled}) are
 * stored like any other and delivered at or after their instant, judged by the queue's clock (the
 * database's, for a database queue). A publisher that cannot delay events throws
 * {@link UnsupportedOperationException} for them.
 */
public interface EventPublisher {

    /** Publishes one event; {@code credentials} may be {@code null}. */
    void publish(DomainEvent event, Credentials credentials);

    /** Publishes events in order, in one batch where the store allows; {@code credentials} may be {@code null}. */
    void publishAll(List<? extends DomainEvent> events, Credentials credentials);

    /**
     * Publishes one event to be delivered at or after {@code deliverAt} (a past instant: at once).
     *
     * @throws IllegalArgumentException when {@code event} or {@code deliverAt} is {@code null}
     */
    default void publishAt(DomainEvent event, Instant deliverAt, Credentials credentials) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        publishAllAt(List.of(event), deliverAt, credentials);
    }

    /**
     * Publishes events, in order and in one batch, to be delivered at or after {@code deliverAt}.
     *
     * @throws IllegalArgumentException when {@code events} or {@code deliverAt} is {@code null}
     */
    default void publishAllAt(List<? extends DomainEvent> events, Instant deliverAt, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        if (deliverAt == null) {
            throw new IllegalArgumentException("deliverAt must not be null (use publishAll to deliver at once)");
        }
        publishScheduled(
                events.stream().map(e -> new ScheduledEvent(e, deliverAt)).toList(), credentials);
    }

    /**
     * Publishes events, in order and in one batch, each from its own instant. The default
     * publishes events that are all due at once through {@link #publishAll} and refuses delayed
     * ones; the dispatcher delays them.
     *
     * @throws UnsupportedOperationException when an event is delayed and this publisher cannot delay
     */
    default void publishScheduled(List<ScheduledEvent> events, Credentials credentials) {
        if (events == null) {
            throw new IllegalArgumentException("events must not be null");
        }
        if (events.stream().anyMatch(ScheduledEvent::isDelayed)) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot publish delayed events");
        }
        publishAll(events.stream().map(ScheduledEvent::event).toList(), credentials);
    }
}
