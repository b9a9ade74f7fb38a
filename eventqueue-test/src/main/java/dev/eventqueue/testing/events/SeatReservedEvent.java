package dev.eventqueue.testing.events;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A class event on {@link AbstractDomainEvent} (type name = simple class name), with a nested
 * value and an {@link Instant} field; its constructor parameters name its properties so a
 * serializing store can read it back.
 */
public final class SeatReservedEvent extends AbstractDomainEvent {

    private final String seat;
    private final int quantity;
    private final Venue venue;
    private final Instant showStartsAt;

    public SeatReservedEvent(
            UUID eventId, Instant occurredAt, String seat, int quantity, Venue venue, Instant showStartsAt) {
        super(eventId, occurredAt);
        this.seat = seat;
        this.quantity = quantity;
        this.venue = venue;
        this.showStartsAt = showStartsAt;
    }

    public static SeatReservedEvent sample(String seat, Instant occurredAt) {
        return new SeatReservedEvent(
                UUID.randomUUID(),
                occurredAt,
                seat,
                2,
                new Venue("Teatro Municipal", "São Paulo"),
                occurredAt.plusSeconds(86_400));
    }

    public String getSeat() {
        return seat;
    }

    public int getQuantity() {
        return quantity;
    }

    public Venue getVenue() {
        return venue;
    }

    public Instant getShowStartsAt() {
        return showStartsAt;
    }

    /** A nested value inside an event. */
    public record Venue(String name, String city) {}
}
