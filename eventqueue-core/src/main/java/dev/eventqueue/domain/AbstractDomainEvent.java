package dev.eventqueue.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Convenience base for class-based events: a random id and the current instant on creation,
 * and as event type the name of the class's {@link EventType} annotation, else its simple name.
 *
 * <p>Subclasses that are read back from a database have a no-arg constructor (private is fine), or
 * a constructor whose parameters are named (by {@code @JsonCreator}/{@code @JsonProperty}, or by
 * compiling with {@code -parameters}) after their properties, including {@code eventId} and
 * {@code occurredAt}, passed to {@link #AbstractDomainEvent(UUID, Instant)}. A class that cannot
 * be read back is refused when it is registered or first published.
 */
public abstract class AbstractDomainEvent implements DomainEvent {

    private final UUID eventId;
    private final Instant occurredAt;

    protected AbstractDomainEvent() {
        this(UUID.randomUUID(), Instant.now());
    }

    /** For rehydration: keeps the identity and time the event was created with. */
    protected AbstractDomainEvent(UUID eventId, Instant occurredAt) {
        this.eventId = eventId != null ? eventId : UUID.randomUUID();
        this.occurredAt = occurredAt != null ? occurredAt : Instant.now();
    }

    @Override
    public UUID getEventId() {
        return eventId;
    }

    @Override
    public String getEventType() {
        EventType annotated = getClass().getAnnotation(EventType.class);
        return annotated != null ? annotated.value() : getClass().getSimpleName();
    }

    @Override
    public Instant getOccurredAt() {
        return occurredAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AbstractDomainEvent that
                && that.getClass() == getClass()
                && Objects.equals(that.eventId, eventId);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return getEventType() + "[" + eventId + "]";
    }
}
