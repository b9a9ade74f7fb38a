package dev.eventqueue.serialization;

import dev.eventqueue.domain.DomainEvent;

/**
 * Turns events into text for a store and back. Implementations are thread-safe.
 * The JSON implementation lives in {@code eventqueue-jdbc}.
 */
public interface EventSerializer {

    /** The stored form of {@code event}; must keep its event id and occurrence time. */
    String serialize(DomainEvent event);

    /**
     * Reads an event back. Only classes that {@code types} knows may be instantiated: an unknown
     * type is an error, never a class lookup by name.
     *
     * @throws EventPayloadException when the type is unknown or the payload cannot be read
     */
    DomainEvent deserialize(String eventType, String payload, EventTypeRegistry types);
}
