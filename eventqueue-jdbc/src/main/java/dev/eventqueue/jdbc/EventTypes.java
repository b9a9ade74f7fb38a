package dev.eventqueue.jdbc;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;
import java.util.List;

/**
 * What the store knows of events, all of it handed over by the dispatchers attached to it: the
 * classes it may instantiate (the attached dispatcher's registry, or a view over all of them when
 * several share the store) and the largest payload it accepts (the smallest limit any of them set).
 * The store keeps no registry of its own.
 */
final class EventTypes {

    /** A class declared on the store's builder, handed to each dispatcher's registry when it attaches. */
    record Declared(String eventType, Class<? extends DomainEvent> eventClass) {}

    private final List<Declared> declared;
    private volatile EventTypeRegistry registry = new EventTypeRegistry();
    private volatile int maxPayloadBytes = EventQueueConfig.DEFAULT_MAX_PAYLOAD_BYTES;
    private volatile boolean attached;

    EventTypes(List<Declared> declared) {
        this.declared = List.copyOf(declared);
    }

    EventTypeRegistry registry() {
        return registry;
    }

    int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    List<Declared> declared() {
        return declared;
    }

    /**
     * Reads with the dispatcher's registry from now on, after adding the builder's declared classes
     * to it.
     *
     * @throws IllegalArgumentException when a declared class conflicts with the dispatcher's types
     */
    synchronized void attach(RepositoryContext context) {
        EventTypeRegistry given = context.eventTypes();
        for (Declared type : declared) {
            if (type.eventType() == null) {
                given.register(type.eventClass());
            } else {
                given.register(type.eventType(), type.eventClass());
            }
        }
        registry = attached ? registry.and(given) : given;
        maxPayloadBytes = attached ? Math.min(maxPayloadBytes, context.maxPayloadBytes()) : context.maxPayloadBytes();
        attached = true;
    }
}
