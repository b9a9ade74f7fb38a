package dev.eventqueue.example.domain;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A candidate started an attempt at a test. */
// tag::event-class[]
public final class AttemptCreated extends AbstractDomainEvent {

    private final String attemptId;
    private final String testId;
    private final String candidateId;
    private final int order;

    /** {@code eventId} and {@code occurredAt} null: a new id and the current time. */
    public AttemptCreated(
            UUID eventId, Instant occurredAt, String attemptId, String testId, String candidateId, int order) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.order = order;
    }

    private AttemptCreated() { // lets a database store read it back, with or without -parameters
        this(null, null, null, null, null, 0);
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

    /** The candidate's how-many-th attempt at this test, from 1. */
    public int getOrder() {
        return order;
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
// end::event-class[]
