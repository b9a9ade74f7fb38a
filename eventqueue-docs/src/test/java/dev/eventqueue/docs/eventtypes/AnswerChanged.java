package dev.eventqueue.docs.eventtypes;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventType;
import java.time.Instant;
import java.util.UUID;

// tag::release-one[]
@EventType("AnswerChanged")
public record AnswerChanged(UUID eventId, Instant occurredAt, String answerId, String text) implements DomainEvent {

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return "AnswerChanged";
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }
}
// end::release-one[]
