package dev.eventqueue.readme;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.MultiEventHandlerBase;
import java.util.List;
import java.util.Set;

// tag::multi-handler[]
public class AttemptAuditHandler extends MultiEventHandlerBase {

    private final List<String> trail;

    public AttemptAuditHandler(List<String> trail) {
        this.trail = trail;
    }

    @Override
    public void handle(DomainEvent event) {
        // Who published it: the credentials passed to publish(), or null
        Credentials by = EventContext.current().getCredentials();
        trail.add(event.getEventType() + " " + event.getAggregateId() + " by " + (by == null ? "system" : by.userId()));
    }

    @Override
    public Set<String> getSupportedEventTypes() {
        return Set.of("AttemptCreated", "AttemptSubmitted", "AnswerUpdated");
    }
}
// end::multi-handler[]
