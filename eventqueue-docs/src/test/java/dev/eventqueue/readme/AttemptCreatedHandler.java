package dev.eventqueue.readme;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.example.domain.AttemptCreated;
import dev.eventqueue.handler.EventHandlerBase;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// tag::handler[]
public class AttemptCreatedHandler extends EventHandlerBase<AttemptCreated> {

    private static final Logger log = LoggerFactory.getLogger(AttemptCreatedHandler.class);
    private final Set<String> answerSheets;

    public AttemptCreatedHandler(Set<String> answerSheets) {
        this.answerSheets = answerSheets;
    }

    @Override
    public void handle(AttemptCreated event) {
        // Your business logic here
        log.info("Processing attempt {}", event.getAttemptId());
        answerSheets.add(event.getAttemptId());
    }

    @Override
    public boolean canHandle(DomainEvent event) {
        return event.getEventType().equals("AttemptCreated");
    }

    @Override
    public int getPriority() {
        return 10; // Lower = higher priority
    }

    @Override
    public boolean isBackground() {
        return true; // Process in background
    }
}
// end::handler[]
