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

    /**
     * Reads back an event stored with version {@code version} of its type's shape. The JSON
     * implementation turns an older version into the class's own through the upcasters of
     * {@code types}; this default ignores versions.
     *
     * @throws EventPayloadException when the type is unknown, the payload cannot be read, or no
     *     upcaster leads from {@code version} to the class's version
     */
    default DomainEvent deserialize(String eventType, int version, String payload, EventTypeRegistry types) {
        return deserialize(eventType, payload, types);
    }

    /**
     * Checks that events of {@code eventClass}, once stored, can be read back in this build: called
     * when a class is registered and when it is first published, so that a class that cannot be
     * read is refused there instead of failing its entries later on another node.
     *
     * @throws IllegalArgumentException when it cannot be read back, saying how to change the class
     */
    default void requireReadable(Class<? extends DomainEvent> eventClass) {}
}
