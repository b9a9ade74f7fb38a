package dev.eventqueue.testing.events;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A small record event whose type name is chosen per instance, for dispatcher tests. */
public record TestEvent(UUID eventId, Instant occurredAt, String eventType, int number) implements DomainEvent {

    public static TestEvent of(String eventType, int number) {
        return new TestEvent(UUID.randomUUID(), Instant.now(), eventType, number);
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
}
