package dev.eventqueue.readme;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

// tag::event-class[]
public class AttemptCreatedEvent extends AbstractDomainEvent {

    private final String attemptId;
    private final String testId;
    private final String candidateId;
    private final int order;

    public AttemptCreatedEvent(String attemptId, String testId, String candidateId, int order) {
        this(null, null, attemptId, testId, candidateId, order); // new id, current time
    }

    public AttemptCreatedEvent(
            UUID eventId, Instant occurredAt, String attemptId, String testId, String candidateId, int order) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.order = order;
    }

    private AttemptCreatedEvent() { // lets a database store read it back, with or without -parameters
        this(null, null, null, null, null, 0);
    }

    @Override
    public String getEventType() {
        return "AttemptCreated"; // default: the simple class name
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }

    public String getAttemptId() {
        return attemptId;
    }

    public String getTestId() {
        return testId;
    }

    public String getCandidateId() {
        return candidateId;
    }

    public int getOrder() {
        return order;
    }
}
// end::event-class[]
