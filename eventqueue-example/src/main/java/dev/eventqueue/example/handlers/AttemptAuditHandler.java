package dev.eventqueue.example.handlers;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.MultiEventHandlerBase;
import java.util.Set;

/**
 * A multi-event audit handler: one handler for every attempt event. It checks that the
 * publisher's credentials reached it, which is what an audit of "who did this" depends on.
 */
public final class AttemptAuditHandler extends MultiEventHandlerBase {

    public static final String NAME = "AttemptAuditHandler";
    private static final Set<String> TYPES = Set.of("AttemptCreated", "AnswerUpdated", "AttemptSubmitted");

    private final HandlerActivity activity;

    public AttemptAuditHandler(HandlerActivity activity) {
        this.activity = activity;
    }

    @Override
    public Set<String> getSupportedEventTypes() {
        return TYPES;
    }

    @Override
    public void handle(DomainEvent event) {
        Credentials credentials = EventContext.current().getCredentials();
        if (credentials == null || credentials.userId() == null) {
            throw new IllegalStateException("No user recorded for " + event.getEventType() + " " + event.getEventId());
        }
        activity.handled(NAME);
    }

    @Override
    public String getName() {
        return NAME;
    }
}
