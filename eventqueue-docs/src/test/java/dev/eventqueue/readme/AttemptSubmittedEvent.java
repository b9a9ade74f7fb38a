package dev.eventqueue.readme;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

// tag::event-record[]
public record AttemptSubmittedEvent(
        UUID eventId, Instant occurredAt, String attemptId, String testId, String candidateId, long secondsSpent)
        implements DomainEvent {

    public static AttemptSubmittedEvent of(String attemptId, String testId, String candidateId, long secondsSpent) {
        return new AttemptSubmittedEvent(
                UUID.randomUUID(), Instant.now(), attemptId, testId, candidateId, secondsSpent);
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Override
    public String getEventType() {
        return "AttemptSubmitted";
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
// end::event-record[]
