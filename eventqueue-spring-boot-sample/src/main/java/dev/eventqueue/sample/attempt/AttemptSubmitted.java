package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A candidate submitted an attempt. */
public final class AttemptSubmitted extends AbstractDomainEvent {

    private final String attemptId;
    private final String testId;
    private final String candidateId;
    private final int secondsSpent;
    private final Instant submittedAt;

    public AttemptSubmitted(
            String attemptId, String testId, String candidateId, int secondsSpent, Instant submittedAt) {
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.secondsSpent = secondsSpent;
        this.submittedAt = submittedAt;
    }

    /** Read back from the queue table. */
    public AttemptSubmitted(
            UUID eventId,
            Instant occurredAt,
            String attemptId,
            String testId,
            String candidateId,
            int secondsSpent,
            Instant submittedAt) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.secondsSpent = secondsSpent;
        this.submittedAt = submittedAt;
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

    public int getSecondsSpent() {
        return secondsSpent;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
