package dev.eventqueue.docs.eventtypes;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.domain.EventType;
import java.time.Instant;
import java.util.UUID;

// tag::release-two[]
@EventType(value = "AnswerUpdated", version = 2, aliases = "AnswerChanged")
public record AnswerUpdated(UUID eventId, Instant occurredAt, String answerId, String body) implements DomainEvent {

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        return "AnswerUpdated";
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }
}
// end::release-two[]
