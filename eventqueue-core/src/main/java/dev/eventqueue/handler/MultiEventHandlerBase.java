package dev.eventqueue.handler;

import dev.eventqueue.domain.DomainEvent;
import java.util.Set;

/** A handler for several event types, chosen by {@link DomainEvent#getEventType()}. */
public abstract class MultiEventHandlerBase extends EventHandlerBase<DomainEvent> {

    /** The event type names this handler accepts; must not change over the handler's life. */
    public abstract Set<String> getSupportedEventTypes();

    @Override
    public boolean canHandle(DomainEvent event) {
        return getSupportedEventTypes().contains(event.getEventType());
    }
}
