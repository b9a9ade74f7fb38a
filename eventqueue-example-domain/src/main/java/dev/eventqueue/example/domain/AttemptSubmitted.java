package dev.eventqueue.example.domain;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A candidate handed in an attempt; it can no longer change. */
public final class AttemptSubmitted extends AbstractDomainEvent {

    private final String attemptId;
    private final String testId;
    private final String candidateId;
    private final long secondsSpent;
    private final int answeredQuestions;

    public AttemptSubmitted(
            UUID eventId,
            Instant occurredAt,
            String attemptId,
            String testId,
            String candidateId,
            long secondsSpent,
            int answeredQuestions) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.testId = testId;
        this.candidateId = candidateId;
        this.secondsSpent = secondsSpent;
        this.answeredQuestions = answeredQuestions;
    }

    private AttemptSubmitted() { // lets a database store read it back, with or without -parameters
        this(null, null, null, null, null, 0, 0);
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

    public long getSecondsSpent() {
        return secondsSpent;
    }

    public int getAnsweredQuestions() {
        return answeredQuestions;
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
