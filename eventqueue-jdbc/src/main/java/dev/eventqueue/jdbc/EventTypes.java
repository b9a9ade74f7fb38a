package dev.eventqueue.jdbc;

import dev.eventqueue.EventQueueConfig;
import dev.eventqueue.queue.RepositoryContext;
import dev.eventqueue.serialization.EventTypeRegistry;

/**
 * What the store knows of events: the classes it may instantiate (its own registrations and
 * those of every dispatcher attached to it) and the largest payload it accepts (the smallest
 * limit any attached dispatcher set).
 */
final class EventTypes {

    private final EventTypeRegistry registry;
    private volatile int maxPayloadBytes = EventQueueConfig.DEFAULT_MAX_PAYLOAD_BYTES;
    private volatile boolean attached;

    EventTypes(EventTypeRegistry registry) {
        this.registry = registry;
    }

    EventTypeRegistry registry() {
        return registry;
    }

    int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    synchronized void attach(RepositoryContext context) {
        registry.include(context.eventTypes());
        maxPayloadBytes = attached ? Math.min(maxPayloadBytes, context.maxPayloadBytes()) : context.maxPayloadBytes();
        attached = true;
    }
}
