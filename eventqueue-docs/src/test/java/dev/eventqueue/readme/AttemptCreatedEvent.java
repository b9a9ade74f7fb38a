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

    // Used when a database store reads the event back: parameter names match the properties.
    public AttemptCreatedEvent(
            UUID eventId, Instant occurredAt, String attemptId, String testId, String candidateId, int order) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.order = order;
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
