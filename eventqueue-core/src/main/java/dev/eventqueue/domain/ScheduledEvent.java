package dev.eventqueue.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An event with the instant from which it may be delivered.
 *
 * @param event     the event; never {@code null}
 * @param deliverAt delivered at or after this instant; {@code null} (or a past instant) for at once
 */
public record ScheduledEvent(DomainEvent event, Instant deliverAt) {

    public ScheduledEvent {
        Objects.requireNonNull(event, "event");
    }

    /** An event delivered at once. */
    public static ScheduledEvent now(DomainEvent event) {
        return new ScheduledEvent(event, null);
    }

    /** An event delivered at or after {@code deliverAt}. */
    public static ScheduledEvent at(DomainEvent event, Instant deliverAt) {
        return new ScheduledEvent(event, Objects.requireNonNull(deliverAt, "deliverAt"));
    }

    public boolean isDelayed() {
        return deliverAt != null;
    }
}
