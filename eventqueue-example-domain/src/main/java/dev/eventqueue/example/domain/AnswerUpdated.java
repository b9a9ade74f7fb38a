package dev.eventqueue.example.domain;

import dev.eventqueue.domain.AbstractDomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A candidate answered (or changed the answer to) one question of an attempt. */
public final class AnswerUpdated extends AbstractDomainEvent {

    private final String attemptId;
    private final String questionId;
    private final String answer;

    public AnswerUpdated(UUID eventId, Instant occurredAt, String attemptId, String questionId, String answer) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.questionId = questionId;
        this.answer = answer;
    }

    private AnswerUpdated() { // lets a database store read it back, with or without -parameters
        this(null, null, null, null, null);
    }

    public String getAttemptId() {
        return attemptId;
    }

    public String getQuestionId() {
        return questionId;
    }

    public String getAnswer() {
        return answer;
    }

    @Override
    public String getAggregateId() {
        return attemptId;
    }
}
