package dev.eventqueue.example.handlers;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.handler.EventHandlerBase;

/**
 * Prepares a new attempt's question sheet: priority 10 (claimed before the
 * default 100) on the background loop, since the candidate does not wait for it.
 */
public final class AttemptCreatedHandler extends EventHandlerBase<AttemptCreated> {

    public static final String NAME = "AttemptCreatedHandler";

    private final HandlerActivity activity;

    public AttemptCreatedHandler(HandlerActivity activity) {
        this.activity = activity;
    }

    @Override
    public void handle(AttemptCreated event) {
        activity.handled(NAME);
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return "AttemptCreated".equals(event.getEventType());
    }

    @Override
    public int getPriority() {
        return 10;
    }

    @Override
    public boolean isBackground() {
        return true;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
