package dev.eventqueue.dashboard;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An order event whose type is chosen per instance; {@code note} is free text, shown on the entry page. */
public record OrderEvent(UUID eventId, Instant occurredAt, String eventType, String orderId, String note)
        implements DomainEvent {

    static OrderEvent of(String eventType, String orderId, String note) {
        return new OrderEvent(UUID.randomUUID(), Instant.now(), eventType, orderId, note);
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return eventType;
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Override
    public String getAggregateId() {
        return orderId;
    }
}
