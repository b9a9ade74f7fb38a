package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.EventContext;
import dev.eventqueue.handler.MultiEventHandlerBase;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** One handler for several event types: an audit of who did what. */
@Component
public class AttemptAuditHandler extends MultiEventHandlerBase {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptAuditHandler.class);

    @Override
    public void handle(DomainEvent event) {
        var credentials = EventContext.current().getCredentials();
        LOG.info(
                "{} for attempt {} by {}",
                event.getEventType(),
                event.getAggregateId(),
                credentials == null ? "system" : credentials.role());
    }

    @Override
    public Set<String> getSupportedEventTypes() {
        return Set.of("AttemptCreated", "AttemptSubmitted");
    }

    @Override
    public boolean isBackground() {
        return true;
    }

    @Override
    public String getName() {
        return "attempt-audit";
    }
}
