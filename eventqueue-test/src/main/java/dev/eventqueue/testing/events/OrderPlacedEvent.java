package dev.eventqueue.testing.events;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A record event whose type name ("OrderPlaced") differs from its class name, with a nested
 * value, a list and an aggregate id; used by the repository contract to check round trips.
 */
public record OrderPlacedEvent(UUID eventId, Instant occurredAt, String orderId, Money total, List<String> items)
        implements DomainEvent {

    public static final String TYPE = "OrderPlaced";

    public OrderPlacedEvent {
        items = List.copyOf(items);
    }

    public static OrderPlacedEvent sample(String orderId, Instant occurredAt) {
        return new OrderPlacedEvent(
                UUID.randomUUID(), occurredAt, orderId, new Money(12_50, "EUR"), List.of("book", "pen"));
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return TYPE;
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Override
    public String getAggregateId() {
        return orderId;
    }

    /** A nested value inside an event. */
    public record Money(long cents, String currency) {}
}
