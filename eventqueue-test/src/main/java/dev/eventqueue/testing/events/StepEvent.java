package dev.eventqueue.testing.events;

import dev.eventqueue.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** Step {@code step} of aggregate {@code aggregateId}: for tests of per-aggregate order. */
public record StepEvent(UUID eventId, Instant occurredAt, String aggregateId, int step) implements DomainEvent {

    public static final String TYPE = "AggregateStep";

    public static StepEvent of(String aggregateId, int step) {
        return new StepEvent(UUID.randomUUID(), Instant.now(), aggregateId, step);
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
        return aggregateId;
    }
}
