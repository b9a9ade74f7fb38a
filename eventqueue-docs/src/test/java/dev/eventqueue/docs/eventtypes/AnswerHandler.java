package dev.eventqueue.docs.eventtypes;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.handler.MultiEventHandlerBase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handles answers and grades under every name they had; keeps what it was given. */
final class AnswerHandler extends MultiEventHandlerBase {

    final List<DomainEvent> handled = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> getSupportedEventTypes() {
        return Set.of("AnswerChanged", "AnswerUpdated", "GradeGiven");
    }

    @Override
    public void handle(DomainEvent event) {
        handled.add(event);
    }

    @Override
    public String getName() {
        return "answers";
    }
}
