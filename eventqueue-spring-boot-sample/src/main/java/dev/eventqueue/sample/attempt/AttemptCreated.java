package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A candidate started an attempt at a test. */
public final class AttemptCreated extends AbstractDomainEvent {

    private final String attemptId;
    private final String testId;
    private final String candidateId;
    private final int order;

    public AttemptCreated(String attemptId, String testId, String candidateId, int order) {
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.order = order;
    }

    /** Read back from the queue table. */
    public AttemptCreated(
            UUID eventId, Instant occurredAt, String attemptId, String testId, String candidateId, int order) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.order = order;
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

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
